/**
 * Private keys of the demo partners, as PKCS#1 PEM ("BEGIN RSA PRIVATE KEY", the form Qredo's Go tools read).
 *
 * THESE KEYS GUARD NOTHING. They are published on purpose so that anyone can sign requests to the embedded
 * mock; the mock is the only thing that accepts them, and its data is invented. Never upload their public
 * halves to Qredo. The first is the public test key that signed core/fixtures/partner-vectors.json
 * (docs/partner-api.md, "Vectors and the test key"); the other two were generated once with
 * `generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } })`.
 */

export const TEST_KEY_PEM =
  [
    '-----BEGIN RSA PRIVATE KEY-----',
    'MIIEogIBAAKCAQEAynAeYQJzniQ35g5+AgwaDJYCzu9+WlgV/OZkES0u8FL0WajB',
    'tILEb/32EiUsZWWwwG1nD52be228G49wfURMLxai1uBvGiyF73M5WtTU8ZtoTi4M',
    'b22iT7bzLbNBIxAxKHZ+RgmsbfIawtAgKew1swXsVNjCzpDhIpZ+h4cxeiWoFHSL',
    'du4WiWR4Un1YIawj40unO+6iZ7xzyVVUOIl5Jf4rIXFhX8T6NQ/805/Oenltn7/B',
    'Yk8RIu5nuuZboP4tIOm9Ckvk/VOQ+B+YbGZ8hJ7RgxmFtAEEen7JAcq6SRgZ2Ewf',
    'NQy6M+zaXwEkKj7MqF9mm3uvfMWkasVMCDmRcQIDAQABAoIBAAmR+dmvtjwObccW',
    'Pc5GeK/KIrlaOKC4Q9fYI3htaKfrYApiEEBCo1tBCBJNCBeGEnBSa7ohAxH3etpZ',
    'smF1ql1ahlm+s/nqi21pxtccszF13Z0+j49wASmgFkh9jjGEaTKGwYr5l5l+BdZa',
    'ZP7eYB6Fw+mx8qm1zzLlpvcsxMHHsss0l72K4SzMyDK3t/ZuvLbI3fNkP5aLZiQi',
    'Hgze1TKoaGQXEhhNWshaO2c0Pr8c8HiDTsq5DstLjhr/f1UplZdGGDaDoUf9lm9C',
    'evKkZpNBK+xAUwTN1bVRdSuAgCMZoMGKVhDY/M8Gsho8B6k8xwMNc8+IM6/tZ2F1',
    'xtgApF0CgYEA/0/zqYp24ucy7dG3MnD2sIf30zgvHbwcRb26JEN0CIIXR9bVW1Jq',
    'hjumfmxDz+tDyPsT6+4+pRc/l7JvTizRUVe1edKe2e/5KUz3r3esC7drQK1IOrOu',
    '566SeOCqrzrVnDiGs0eS9A6VXrXPhiQBnrwdXnddkvebCpeArfc95b0CgYEAyvu1',
    'NfHJAWGftDrWPqGXluJ6dShlxBqdqkCMhsdr0jlN0RfL/oCUzTHTHJQMaGAYvMDy',
    's+zA9C+t9AiUmxWderCgu44d+GObMODuwY2kgXq9Wk6+KcD6du4ojJ2r9gTMM3PD',
    'uA2yJ3rMc7a71zi//8TZAM8nst7ZzqfwC0GB08UCgYBHUop7Hlc/495yWVeYG76O',
    'ai1tMBDZeadcRDgv0Tgk+FKQmw9XR5rCjP9h6dS3zL1O8/UIv7F4ZRo6wnodmJ+Q',
    '3bOwqIn/z+4G/51hw0iorUCk/MNkwrVlu3rnkbuc4A60aYYXpzMCQuCvaJLkokJh',
    'maOKtEXLvKfvOYuVDbCY8QKBgHNf/RFLfEgnuEIWS17QNLzTwG1FaAq+Yi26gOW/',
    'Bl84qS2XTCE97tZvYqLU1/Sf4o+vUITKpqZlT4ftNKKt95QcP1A8KHbeDwEKaUtk',
    '+kOKg4SIS3iqMvNUzYGXwX2WHoeEXpQIXOIp33pKPJzJqgB0YDAgj10RZFYdiMit',
    'FGFNAoGATzz00b7UwxiDCW6NvrImTAFgMI0S/1RD/JiN8PRFVQOMm/Z8ucY+c0VX',
    'n1AaOyGt/hleG60q3ses8RLL6iHJUii1C6pStPNmeKX8qkCl+egFS9gxc8+6V858',
    'km5AqHM3lKfOVoTcSuvf02QC7rfN6HnPkhaRnPFxsXrKFQ/xw2w=',
    '-----END RSA PRIVATE KEY-----',
  ].join('\n') + '\n';

export const NORTHWIND_KEY_PEM =
  [
    '-----BEGIN RSA PRIVATE KEY-----',
    'MIIEowIBAAKCAQEAoo7xAq7GatYEYSHq0GBuytiY92/P2V6LE1UOpCsgXbUmwBCS',
    'LnO+BjcWT3uDIIm0sIh3XBELp2foiRT7H4wIo80Sv9sZmCnoUT6bLci8ADHY+2tJ',
    'pdwH6W9nbDDBs0hd7YMOOqic/fQOcoGIhRM85tMIxRMGV+Y8zcM+S1mkXol4l0pb',
    'tEvAt/qAp8ipLPYyID0FJgABUYsf5l7VxZa5wWIWKGPt4UKZLacQpti/dYfWxDT7',
    '6MBFTNAl+2HPCUgi57JKDhUkHZYjQeiOnuXxZ6yth+InkwgAEMy3Z50JIYSbm6S/',
    'oWRl3KoN2SNIxAVKp2jVgZsIhb3/lcQZIGUS5QIDAQABAoIBABJ5XDqJ0lLh7616',
    'RU1ZKD41T20Pb/esHvIbgIZ3wD3mEHlTaMmOrdHXANoXl1djTv2hBK+Z4FEuJecu',
    'UzvKllDHRZI4PDhmytgw3UHexj7fa2FnV/9Zeiy1VHOfNuRBHSuY8U0JTI4v5lRt',
    'FC7LeOhio2SCPP5QVCiuP64gieWUW3hwdG+xXqA/NgfvIP0OWPKexup5snZxr324',
    'ZMK9A9n3M8ypPjLAXdYqdxRyZHe3TdhyQ2Q9FqSQa+kNszuqPKav+jhaj3YtA78M',
    'fCleZtpsF1Q3Bsz40mjF50+w/5VaFmGR8Dvc5ENRGj61jLdaP418Tnp4nlhA4fpe',
    'k8QdeQECgYEA2+wJW6ZiuR2A0xjvNcRkMsvQgZatE4z1dRAlNe/NsKqxef+ii2Io',
    '3/jsMJUmpJ/UuV63P+m4OllH+JB2a7mh+l3wvt3XjOrJQX0nlomQiSoAX661RwGN',
    'gNOqc468T6TrBxf+AOiFr3dfSuBdEvZM4DXemJtNHGndyTG9QB/jtl0CgYEAvTnU',
    'fkMONXfnLSzIGIYD56YZsbZZW8CXqcHhjDRQpU70VIiMN3agKkU3zsiAlAaD5zw9',
    'zwVW3GyNYrY07vNYVICF1+UCM+hnWcrLlSqxg/wg1R/mYWSrvQ2NgGyHG7V2QVi+',
    'mw0cTVlIpUf5PMjOc4ba8ZlXyxUHLpRnJwB2dikCgYAe5VcfOA3QgdOSVINuo0uM',
    'U1PUkM153KizLHR90lWsRx6ty/sS59RkOr07yghmwkmJTUQjR3tpPxe8VNc+JRMb',
    'cE0dE19v3aAugh2oqWTT0EHDL3EqK46slY/xshDEg5+9HGLDz+bQEs4hX8nTmySL',
    'ryW5fL/liP3ugP1cX96GxQKBgQCJ4jjn5F7XMU7gCTCpRgZUZyFz8Ib+p8Eb7u42',
    'ZuyY+IZrjrB1vdgJ1TRMVqfytSiqd6gmUSKxLdx8oH7D28hyktB0uCg5wNCGipJ8',
    'WIbPwQn/ouYR8/R8pwKEIRD2bO0Fwu/pNc14w2V/IooH898UKaEiyXVCw0jfdT4R',
    'GnI3uQKBgBtwRGpSH10//nYkBL7xZki3z07lQWyErFBrkKbGxmxiFMGRcFaqPvA5',
    'aL8h2Gz0UWQVyFQwyn2gs7e7tPOvVKM2LjwAH9Zr3513k+eEG/9+3Od5k5YY6T+9',
    '4PGC3n2sFNomxGrmK7JxEjYNejF4YdOlVPvEmHJRc6+JPCBCt0E+',
    '-----END RSA PRIVATE KEY-----',
  ].join('\n') + '\n';

export const FRESH_KEY_PEM =
  [
    '-----BEGIN RSA PRIVATE KEY-----',
    'MIIEpAIBAAKCAQEAtcg+aPt09NCwkugPKbc1LnnYL1mJUNkFmFFINFtBxvMVLH+4',
    'q254zcIaDrXHdS2+FwLBCiDz00mZi9qWCEKJz/XMxJecLUdaN5xL6/64WTYVz29s',
    'Rnro6oWvHiHGDFh70uA8XN++2gk/++RRyl40yPhFz8C8U1eumaXD3smHZmIK3u2w',
    'T26RIfccAe6eql07cCW5WDXRKnm7QuBWey3yLv7gu0hGmSq1kiEKoVq5g5Ydbsl6',
    'b6EUcfmFBFce7c31lj3zdTG8DSa5JO4JmCUbsGQOjDrVVbsPqMjV2bRfpJXMINd2',
    'PHHIJmsgUtQnni/2ov/keXBjXKQMnGNW1Q6+KwIDAQABAoIBACqtlS17n/VcS6Bp',
    '+ClgmI1NUPqo6ErBcQVWS//yzuohJv74C4jAGn+gSxLaDbaOozruzBiPLP+Vn4WM',
    'r73HtWhMOqOLPsEIp/83ZEHHX0uenZdCfya685UgBsGpx0AdxBB50eIyK7IwCsQe',
    'Ui+TV4w5cdZ5Vx2wD8+F8gsLwIzCIaIrTsdqA34SrjV0mBZ7drgsAdEvwEhboIaU',
    '4wlIzcaOS3i6Hbtz7sh7tUghPPbaF38Y8B3qO+zioiZSGJlhtiVpPggv7xV1eLBN',
    'jGwncVNWNXvQua7KTtEc8aK1rBNhdCSP/9WBGER1N90uYw9sMLSLC4oHb5orZcmc',
    'PZKWMhkCgYEA2tuURiFYtjyI9/vkDa/RxlPRRIyKsd7WDouszBWkreRk7MEKmBsw',
    '4+aCcRsPuHmdOGWeJcQ3cNKclgeU7+AZ9h3pFQqcKbOydGFTMyZUnsmgqpthW4Pw',
    '3UKqm2BGTM199pQ+NejUvoH5A+R11doF4a5kvUkb/viBkQ6EDhbHSAMCgYEA1KHk',
    'tWnHCudS91tSiprmjATVVYV0gjbzmNivynuzXBxpySJnTVmnBkwzcmLv3jj3GazY',
    'pzRjHIUwxpuWt+0USAayM03tCo98K0/PGiH82nXZYWUSDaOi402n64hwzCcnjGAM',
    'UjZddaFTjNJ90+L5RbNqE/qhjGua6s/mROC5PLkCgYAWhkzfXuU7dEWAiEszYWoM',
    'qGm8TV6k6dNMEfIJ2xxkzUHZ4BBQEVRZ0EqSi391tAaLXGIHbwdptDNreYJJod3q',
    'J6/qe3oRDK6MLcwbUpGY+hVwGafOfGjYzNi0PxddJjUVoLI6aCklJklTrjq2dMbw',
    'MDusA48/EaJ8JGtQ6+U8swKBgQCNreHKz1SE+2XY08zH9jawDXhop6feK+dcbOWV',
    'MZ9tPLFwB7B1ZctY8uVEzo+trp9XSEiEAPAZTNYXQAzJOPtOkseiT8YmRz0hTuhc',
    'LVFh7yyNLN8+n04lztSYqC0gmuZLLqSHExprCre1GXwl9xLJUqbX8SQ7gGeVFjoE',
    'owhKYQKBgQDArHfPUI0alEb4JrysIakQb9Afk6dMVVEY5Dm2rRco+vujyqv6viUJ',
    'NUnj2QnsC5jHKLaA9zJiIxBCMgv4rkgfh068Rjpz2XaXaRiQ02hVQOihL7PZZM6f',
    '2043Fg18evmxmdRwL5OSez37to/SbEaa8xOB2BYehbPuHtSsgovKVQ==',
    '-----END RSA PRIVATE KEY-----',
  ].join('\n') + '\n';

/**
 * The X-API-KEY values: unpadded base64 of `{"key_id":…,"key":…}`, the shape of real API keys
 * (docs/partner-api.md, "Signing").
 */
export const TEST_API_KEY =
  'eyJrZXlfaWQiOiJQbGF5Z3JvdW5kVHN0MSIsImtleSI6InRlc3Qtb25seS1wYXJ0bmVyLWFwaS1rZXktZ3VhcmRzLW5vdGhpbmcifQ';
export const NORTHWIND_API_KEY =
  'eyJrZXlfaWQiOiJQbGF5Z3JvdW5kTndkMSIsImtleSI6ImRlbW8tcGFydG5lci1hcGkta2V5LW5vcnRod2luZC1ndWFyZHMtbm90aGluZyJ9';
export const FRESH_API_KEY =
  'eyJrZXlfaWQiOiJQbGF5Z3JvdW5kTmV3MSIsImtleSI6ImRlbW8tcGFydG5lci1hcGkta2V5LWZyZXNoLWd1YXJkcy1ub3RoaW5nIn0';
