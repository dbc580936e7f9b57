import { TabList } from '../../../components/tab-list.tsx';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { DemoKey, Environment, FeedQuery, PartnerDemoKey } from '../../../../core/contract.ts';
import type { PartnerFeedName } from '../../../../core/feed.ts';
import { ENVIRONMENTS } from '../../../../core/constants.ts';
import { Button } from '../../../components/button.tsx';
import { api } from '../../../lib/api-client.ts';
import { useFeed } from '../api/use-feed.ts';
import { buildActions, buildTimelines, clockTime, connectionFrom } from '../timeline.ts';
import { RawMessages } from './raw-messages.tsx';
import { ActionCard } from './action-card.tsx';
import { TxTimelineCard } from './tx-timeline.tsx';

const LABEL: Record<Environment, string> = { mock: 'Mock', sandbox: 'Sandbox', production: 'Production' };
/** The real feeds' handshake is undocumented: the playground signs it as the embedded mock's convention says. */
const EXPERIMENTAL: Record<Environment, boolean> = { mock: false, sandbox: true, production: true };
const ENV_VARS: Record<Exclude<Environment, 'mock'>, string> = {
  sandbox: 'QREDO_SANDBOX_API_KEY and QREDO_SANDBOX_API_SECRET',
  production: 'QREDO_PRODUCTION_API_KEY and QREDO_PRODUCTION_API_SECRET',
};
const PARTNER_ENV_VARS: Record<Exclude<Environment, 'mock'>, string> = {
  sandbox: 'QREDO_PARTNER_SANDBOX_API_KEY and QREDO_PARTNER_SANDBOX_PRIVATE_KEY_FILE',
  production: 'QREDO_PARTNER_PRODUCTION_API_KEY and QREDO_PARTNER_PRODUCTION_PRIVATE_KEY_FILE',
};
type FeedApi = 'v1' | 'partner';
const PARTNER_FEED_LABEL: Record<PartnerFeedName, string> = {
  coreclient: 'Core client actions',
  liquidityhub: 'Liquidity hub',
};

const card = 'rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900';
const select =
  'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950 ' +
  'focus-visible:outline-2 focus-visible:outline-sky-500';

type Tab = 'timeline' | 'raw';

export interface FeedViewProps {
  /** When the page last reset the embedded mock (ms), so the view can say that its transactions are gone. */
  mockResetAt?: number | null;
  /** The API chosen in the header (Qredo API or Partner API): whose feeds the view opens. */
  scheme?: FeedApi;
}

/** The transaction feed: each transaction's status timeline as it happens, and the raw frames one tab away. */
export function FeedView({ mockResetAt = null, scheme = 'v1' }: FeedViewProps) {
  const envId = useId();
  const keyId = useId();
  const partnerFeedId = useId();
  const clientFieldId = useId();
  const partnerKeyId = useId();
  const [partnerFeed, setPartnerFeed] = useState<PartnerFeedName>('coreclient');
  const [clientDraft, setClientDraft] = useState('');
  const [clientId, setClientId] = useState('');
  const [partnerKey, setPartnerKey] = useState<PartnerDemoKey>('partner-northwind');
  const [environment, setEnvironment] = useState<Environment>('mock');
  const [demoKey, setDemoKey] = useState<DemoKey>('full');
  const [listening, setListening] = useState(true);
  const [run, setRun] = useState(0);
  const [tab, setTab] = useState<Tab>('timeline');
  // The same cache entry as the environments feature (key ['session']): demo keys and which keys exist.
  const session = useQuery({ queryKey: ['session'], queryFn: () => api.session(), staleTime: Infinity });
  // The feed needs the Web3 Transactions permission: only the demo keys that have it are offered.
  const web3Keys = (session.data?.demoKeys ?? []).filter((k) => k.permissions.includes('web3'));

  const partnerDemoKeys = session.data?.partnerDemoKeys ?? [];
  const partner = scheme === 'partner';
  const partnerReady = partnerFeed === 'liquidityhub' || clientId !== '';
  const query: FeedQuery | null = !listening
    ? null
    : partner
      ? partnerReady
        ? {
            environment,
            scheme: 'partner',
            feed: partnerFeed,
            ...(partnerFeed === 'coreclient' ? { clientId } : {}),
            ...(environment === 'mock' ? { partnerKey } : {}),
          }
        : null
      : environment === 'mock'
        ? { environment, demoKey }
        : { environment };
  const experimental = !partner && EXPERIMENTAL[environment];
  const feedName = partner
    ? `${LABEL[environment]} Partner API ${partnerFeed === 'coreclient' ? 'core client' : 'liquidity hub'}`
    : LABEL[environment];
  const feed = useFeed(query, run);
  const timelines = useMemo(() => buildTimelines(feed.events), [feed.events]);
  const actions = useMemo(() => buildActions(feed.events), [feed.events]);
  const connection = useMemo(() => connectionFrom(feed.events), [feed.events]);
  const messages = feed.events.filter((e) => e.type === 'message').length;
  const live = query !== null && !feed.ended && !feed.failure;
  // A refusal or failure is shown with its own "Try again".
  const problem =
    listening && (feed.failure !== null || connection.state === 'refused' || connection.state === 'failed');

  const reconnect = () => {
    setListening(true);
    setRun((n) => n + 1);
  };

  return (
    <div className="mx-auto max-w-6xl space-y-4 p-4">
      <div>
        <h2 className="text-lg font-semibold">{partner ? 'Partner API feed' : 'Transaction feed'}</h2>
        {partner ? (
          <p className="max-w-4xl text-sm text-slate-600 dark:text-slate-400">
            The Partner API’s <span className="font-mono">/coreclient/{'{client_id}'}/feed</span> or{' '}
            <span className="font-mono">/liquidityhub/feed</span> WebSocket, opened by the local server with the
            partner’s RSA key (x-api-key, x-timestamp and x-sign over timestamp + the ws URL, no body) and relayed here.
            Each core client action shows its status as the feed reports it; the exact frames are under Raw messages.
          </p>
        ) : (
          <p className="max-w-4xl text-sm text-slate-600 dark:text-slate-400">
            The environment’s <span className="font-mono">GET /transactions/feed</span> WebSocket, opened by the local
            server (a browser cannot sign a WebSocket handshake) and relayed here. Each transaction’s status moves
            created → pending → authorized → approved as the feed reports it; the exact frames are under Raw messages.
          </p>
        )}
      </div>

      <section aria-label="Feed connection" className={`${card} space-y-3 p-3`}>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <div className="flex items-center gap-2">
            <label htmlFor={envId} className="text-xs font-medium text-slate-600 dark:text-slate-300">
              Feed environment
            </label>
            <select
              id={envId}
              value={environment}
              onChange={(e) => {
                setEnvironment(e.target.value as Environment);
                setListening(true);
              }}
              className={select}
            >
              {ENVIRONMENTS.map((name) => (
                <option key={name} value={name}>
                  {LABEL[name]}
                  {EXPERIMENTAL[name] ? ' (experimental)' : ''}
                </option>
              ))}
            </select>
          </div>
          {partner && (
            <div className="flex items-center gap-2">
              <label htmlFor={partnerFeedId} className="text-xs font-medium text-slate-600 dark:text-slate-300">
                Partner feed
              </label>
              <select
                id={partnerFeedId}
                value={partnerFeed}
                onChange={(e) => {
                  setPartnerFeed(e.target.value as PartnerFeedName);
                  setListening(true);
                }}
                className={select}
              >
                {(['coreclient', 'liquidityhub'] as const).map((name) => (
                  <option key={name} value={name}>
                    {PARTNER_FEED_LABEL[name]}
                  </option>
                ))}
              </select>
            </div>
          )}
          {partner && environment === 'mock' && partnerDemoKeys.length > 0 && (
            <div className="flex items-center gap-2">
              <label htmlFor={partnerKeyId} className="text-xs font-medium text-slate-600 dark:text-slate-300">
                Demo partner
              </label>
              <select
                id={partnerKeyId}
                value={partnerKey}
                onChange={(e) => {
                  setPartnerKey(e.target.value as PartnerDemoKey);
                  setListening(true);
                }}
                className={select}
              >
                {partnerDemoKeys.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          {!partner && environment === 'mock' && web3Keys.length > 0 && (
            <div className="flex items-center gap-2">
              <label htmlFor={keyId} className="text-xs font-medium text-slate-600 dark:text-slate-300">
                Demo key
              </label>
              <select
                id={keyId}
                value={demoKey}
                onChange={(e) => {
                  setDemoKey(e.target.value as DemoKey);
                  setListening(true);
                }}
                className={select}
              >
                {web3Keys.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          {experimental && (
            <span className="rounded bg-env-sandbox-soft px-1.5 py-0.5 text-xs font-semibold text-env-sandbox-ink dark:bg-env-sandbox/15 dark:text-env-sandbox-night">
              Experimental
            </span>
          )}
          <div className="ml-auto flex items-center gap-2">
            {live ? (
              <Button size="sm" onClick={() => setListening(false)}>
                Stop
              </Button>
            ) : (
              !problem && (
                <Button size="sm" onClick={reconnect}>
                  Reconnect
                </Button>
              )
            )}
            <Button size="sm" variant="ghost" onClick={feed.clear} disabled={feed.events.length === 0}>
              Clear
            </Button>
          </div>
        </div>
        {partner && partnerFeed === 'coreclient' && (
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              setClientId(clientDraft.trim());
              setListening(true);
              setRun((n) => n + 1);
            }}
          >
            <label htmlFor={clientFieldId} className="text-xs font-medium text-slate-600 dark:text-slate-300">
              Core client id
            </label>
            <input
              id={clientFieldId}
              value={clientDraft}
              onChange={(e) => setClientDraft(e.target.value)}
              placeholder="as POST /coreclient gave it"
              spellCheck={false}
              autoComplete="off"
              className={`${select} w-[28rem] max-w-full font-mono text-xs`}
            />
            <Button size="sm" type="submit" disabled={clientDraft.trim() === ''}>
              Listen
            </Button>
          </form>
        )}
        {experimental && (
          <p className="text-xs leading-relaxed text-slate-600 dark:text-slate-400">
            How Qredo authenticates this handshake is not documented. The playground signs it as the embedded mock’s
            convention says (the three v1 headers over timestamp + GET + the wss:// URL), so the real service may refuse
            it.
          </p>
        )}
        <ConnectionState
          environment={environment}
          name={feedName}
          partner={partner}
          waitingForClient={partner && !partnerReady}
          listening={listening}
          connection={connection}
          failure={feed.failure}
          onRetry={reconnect}
        />
        {mockResetAt !== null && environment === 'mock' && (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            The mock was reset at {clockTime(Math.floor(mockResetAt / 1000))}: the transactions created before then are
            gone from it, and no more messages will come for them.
          </p>
        )}
      </section>

      <FeedTabs tab={tab} onTab={setTab} messages={messages}>
        {tab === 'timeline' && partner ? (
          actions.length === 0 ? (
            <p className="p-4 text-sm text-slate-600 dark:text-slate-400">
              {!live
                ? 'No actions yet.'
                : partnerFeed === 'liquidityhub'
                  ? environment === 'mock'
                    ? 'Listening. The embedded mock has no swaps, so its liquidity hub feed stays silent; a real one reports each swap added to the hub.'
                    : 'Listening for new swaps in the liquidity hub.'
                  : 'Waiting for actions. The feed reports the core client’s actions that change from now on: send POST /company/{company_id}/transfer from the Playground (Partner API) with "authorize_id" set to this core client, or with the core client among the wallet’s custodians.'}
            </p>
          ) : (
            <div className="space-y-3 p-3">
              {actions.map((a) => (
                <ActionCard key={a.id} action={a} />
              ))}
            </div>
          )
        ) : tab === 'timeline' ? (
          timelines.length === 0 ? (
            <p className="p-4 text-sm text-slate-600 dark:text-slate-400">
              {live
                ? 'Waiting for transactions. The feed reports the transactions that move from now on: send POST /transaction from the Playground (Mock, with a key that has the Web3 permission) and watch it go from created to approved, about 10 seconds in all.'
                : 'No transactions yet.'}
            </p>
          ) : (
            <div className="space-y-3 p-3">
              {timelines.map((tx) => (
                <TxTimelineCard key={tx.txID} tx={tx} />
              ))}
            </div>
          )
        ) : (
          <RawMessages events={feed.events} />
        )}
      </FeedTabs>
    </div>
  );
}

function ConnectionState(props: {
  environment: Environment;
  /** How the feed is named: "Mock", "Mock Partner API core client". */
  name: string;
  partner: boolean;
  waitingForClient: boolean;
  listening: boolean;
  connection: ReturnType<typeof connectionFrom>;
  failure: ReturnType<typeof useFeed>['failure'];
  onRetry: () => void;
}) {
  const { environment, connection, failure, name } = props;
  const retry = (
    <Button size="sm" variant="secondary" onClick={props.onRetry}>
      Try again
    </Button>
  );
  if (failure) {
    const noKey = failure.code === 'no-credentials' && environment !== 'mock';
    return (
      <Problem
        title={
          noKey
            ? `No ${props.partner ? 'Partner API key' : 'API key'} for ${LABEL[environment]} yet: the feed cannot be opened.`
            : `The ${name} feed could not be opened.`
        }
        action={retry}
      >
        {noKey && props.partner ? (
          <>
            Add the X-API-KEY and the private key in the Partner keys panel of the Playground’s Partner API (
            <a href="#/">open the Playground</a>), or start the playground with{' '}
            {PARTNER_ENV_VARS[environment as Exclude<Environment, 'mock'>]} set.
          </>
        ) : noKey ? (
          <>
            Add a key in the Playground’s {name} environment bar (<a href="#/">open the Playground</a>), or start the
            playground with {ENV_VARS[environment as Exclude<Environment, 'mock'>]} set.
          </>
        ) : (
          failure.message
        )}
      </Problem>
    );
  }
  if (props.waitingForClient && props.listening)
    return (
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        Enter a core client id to open its feed (GET /coreclient in the Partner API lists them; POST /coreclient makes
        one).
      </p>
    );
  if (!props.listening)
    return (
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        Stopped: the feed is closed.
      </p>
    );
  if (connection.state === 'refused')
    return (
      <Problem title={`The ${name} feed refused the handshake: ${connection.status}.`} action={retry}>
        {connection.reason ? (
          <>
            Reason given: <span className="font-mono break-all">{connection.reason}</span>
          </>
        ) : (
          connection.message
        )}
      </Problem>
    );
  if (connection.state === 'failed')
    return (
      <Problem title={`The ${name} feed failed.`} action={retry}>
        {connection.message}
      </Problem>
    );
  if (connection.state === 'closed')
    return (
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        Closed: {connection.message}
      </p>
    );
  if (connection.state === 'connecting')
    return (
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        Connecting to the {name} feed…
      </p>
    );
  return (
    <p role="status" className="flex flex-wrap items-center gap-x-2 text-sm text-slate-700 dark:text-slate-300">
      <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-emerald-500" />
      <span>Listening to</span>
      <span className="font-mono text-xs break-all">{connection.url}</span>
      <span className="text-xs text-slate-500 dark:text-slate-400">
        (key <span className="font-mono">{connection.keyId}</span>, since{' '}
        {clockTime(Math.floor(connection.since / 1000))})
      </span>
    </p>
  );
}

function Problem({ title, action, children }: { title: string; action: ReactNode; children: ReactNode }) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-start gap-3 rounded-md border border-env-production/40 bg-env-production-soft/50 p-3 text-sm text-env-production-ink dark:bg-env-production/10 dark:text-env-production-night"
    >
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-semibold">{title}</p>
        <p className="text-slate-700 dark:text-slate-300">{children}</p>
      </div>
      {action}
    </div>
  );
}

function FeedTabs(props: { tab: Tab; onTab: (t: Tab) => void; messages: number; children: ReactNode }) {
  return (
    <section aria-label="Feed" className={card}>
      <TabList
        label="Feed views"
        tabs={[
          { id: 'timeline', label: 'Timeline' },
          { id: 'raw', label: `Raw messages (${props.messages})` },
        ]}
        selected={props.tab}
        onSelect={props.onTab}
        listClassName="px-2"
      >
        {props.children}
      </TabList>
    </section>
  );
}
