import { describe, expect, it, vi } from 'vitest';
import { FormStore } from './form-store.ts';

interface Values {
  path: string;
  params: Record<string, string>;
  headers: Array<{ name: string; value: string }>;
  timing: { mode: 'send-time' | 'pinned'; pinned: string };
}

const start = (): Values => ({
  path: '/balance',
  params: {},
  headers: [],
  timing: { mode: 'send-time', pinned: '' },
});

/** An input registered under `name`, as React would attach it. */
function mount(form: FormStore<Values>, name: string, options: Parameters<FormStore<Values>['register']>[1] = {}) {
  const el = document.createElement('input');
  document.body.append(el);
  const field = form.register(name, options);
  const detach = field.ref(el);
  const type = (text: string) => {
    el.value = text;
    field.onChange({ target: el });
  };
  return { el, field, type, detach };
}

describe('FormStore', () => {
  it('keeps values by path, copying only what changed, and tells its subscribers', () => {
    const form = new FormStore(start());
    const before = form.getValues();
    const seen = vi.fn();
    const off = form.subscribe(seen);
    form.setValue('timing.pinned', '1700000000');
    expect(form.getValues('timing.pinned')).toBe('1700000000');
    expect(form.getValues().headers).toBe(before.headers);
    expect(form.getValues().timing).not.toBe(before.timing);
    expect(before.timing.pinned).toBe('');
    expect(seen).toHaveBeenCalledTimes(1);
    off();
    form.setValue('path', '/x');
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('writes a value set from outside into its field, and reads what is typed there', () => {
    const form = new FormStore(start());
    const path = mount(form, 'path');
    expect(path.el.value).toBe('/balance');
    form.setValue('path', '/funds');
    expect(path.el.value).toBe('/funds');
    path.type('/transaction');
    expect(form.getValues('path')).toBe('/transaction');
    form.reset({ ...start(), path: '/account' });
    expect(path.el.value).toBe('/account');
  });

  it('validates a field as it changes (after its own onChange saw the new value), and its dependants', () => {
    const form = new FormStore(start());
    const order: string[] = [];
    const name = mount(form, 'headers.0.name', {
      onChange: () => order.push(`onChange sees ${form.getValues('headers.0.name')}`),
      validate: (v, all) => (v === '' && all.headers[0]?.value !== '' ? 'A header needs a name' : true),
      deps: ['headers.0.value'],
    });
    const value = mount(form, 'headers.0.value', {
      validate: (v, all) => (v.includes('\n') ? `No line breaks in ${all.headers[0]?.name ?? ''}` : true),
    });
    form.setValue('headers', [{ name: '', value: '' }]);
    value.type('x');
    expect(form.getFormState().errors).toEqual({});
    name.type('');
    expect(form.getFormState().errors.headers?.[0]?.name?.message).toBe('A header needs a name');
    name.type('X-A');
    expect(order.at(-1)).toBe('onChange sees X-A');
    expect(form.getFormState().errors).toEqual({});
  });

  it('at submit validates every mounted field, counts the submit and focuses the first field in error', async () => {
    const form = new FormStore(start());
    const path = mount(form, 'path', { validate: (v) => (v.startsWith('/') ? true : 'The path starts with /') });
    const param = mount(form, 'params.tx_id', { validate: (v) => (v ? true : 'tx_id is required') });
    // A field no longer on screen is not validated.
    const gone = mount(form, 'params.old', { validate: () => 'never' });
    gone.detach?.();
    form.setValue('path', 'balance');
    const valid = vi.fn();
    const invalid = vi.fn();
    await form.handleSubmit(valid, invalid)();
    expect(valid).not.toHaveBeenCalled();
    expect(invalid).toHaveBeenCalledTimes(1);
    const { errors, submitCount } = form.getFormState();
    expect(submitCount).toBe(1);
    expect(errors.path?.message).toBe('The path starts with /');
    expect(errors.params?.tx_id?.message).toBe('tx_id is required');
    expect(errors.params).not.toHaveProperty('old');
    expect(document.activeElement).toBe(path.el);

    path.type('/transactions');
    param.type('abc');
    await form.handleSubmit(valid, invalid)();
    expect(valid).toHaveBeenCalledWith(expect.objectContaining({ path: '/transactions', params: { tx_id: 'abc' } }));
    expect(form.getFormState().errors).toEqual({});
  });

  it('says an error set from outside until the field changes; a reset starts over', () => {
    const form = new FormStore(start());
    const path = mount(form, 'path', { validate: () => true });
    form.setError('path', { type: 'variables', message: '{{x}} is not defined' }, { shouldFocus: true });
    expect(form.getFormState().errors.path?.message).toBe('{{x}} is not defined');
    expect(document.activeElement).toBe(path.el);
    path.type('/y');
    expect(form.getFormState().errors.path).toBeUndefined();
    form.setError('path', { type: 'variables', message: 'again' });
    form.reset(start());
    expect(form.getFormState()).toEqual({ errors: {}, submitCount: 0 });
  });

  it('keeps a row id with its row when another row is removed, and moves the errors with the rows', () => {
    const form = new FormStore(start());
    form.appendRow('headers', { name: 'a', value: '1' });
    form.appendRow('headers', { name: '', value: '2' });
    form.appendRow('headers', { name: 'c', value: '3' });
    const [first, second, third] = form.rowIdsOf('headers');
    expect(new Set([first, second, third]).size).toBe(3);
    form.setError('headers.1.name', { type: 'validate', message: 'second' });
    form.setError('headers.2.name', { type: 'validate', message: 'third' });
    form.removeRow('headers', 0);
    expect(form.getValues('headers')).toEqual([
      { name: '', value: '2' },
      { name: 'c', value: '3' },
    ]);
    expect(form.rowIdsOf('headers')).toEqual([second, third]);
    const errors = form.getFormState().errors.headers;
    expect(errors?.[0]?.name?.message).toBe('second');
    expect(errors?.[1]?.name?.message).toBe('third');
    // A reset (another tab's draft) gives its rows new ids.
    form.reset({ ...start(), headers: [{ name: 'z', value: '' }] });
    expect(form.rowIdsOf('headers')).toHaveLength(1);
    expect(form.rowIdsOf('headers')[0]).not.toBe(second);
  });

  it('focuses a row added with a field to focus once that field is mounted', () => {
    const form = new FormStore(start());
    form.appendRow('headers', { name: '', value: '' }, 'headers.0.name');
    const { el } = mount(form, 'headers.0.name');
    expect(document.activeElement).toBe(el);
  });

  it('checks the radio button that stands for the value, and takes the value of the one picked', () => {
    const form = new FormStore(start());
    const radios = (['send-time', 'pinned'] as const).map((value) => {
      const el = document.createElement('input');
      el.type = 'radio';
      el.value = value;
      document.body.append(el);
      const field = form.register('timing.mode');
      field.ref(el);
      return { el, pick: () => field.onChange({ target: el }) };
    });
    expect(radios.map((r) => r.el.checked)).toEqual([true, false]);
    radios[1]?.pick();
    expect(form.getValues('timing.mode')).toBe('pinned');
    form.reset(start());
    expect(radios.map((r) => r.el.checked)).toEqual([true, false]);
  });
});
