/**
 * The composer's form state: values by dotted path (`timing.pinned`, `params.tx_id`,
 * `headers.2.name`), fields registered as uncontrolled inputs (a keystroke re-renders only what
 * watches the value), validation at each change and at submit, errors said at their fields, field
 * arrays with stable row ids, and subscriptions for what follows every change (the live preview, the
 * saved tabs). Written for the composer's needs, in the shape of the form libraries people know:
 * `register`, `setValue`, `getValues`, `reset`, `handleSubmit`, `useWatch`, `useFieldArray`,
 * `useFormState`.
 */
import { useCallback, useRef, useState, useSyncExternalStore, type ReactElement } from 'react';

// ---- paths and their value types ---------------------------------------------------------------

type Child<T, K extends string> = K extends keyof T
  ? T[K]
  : T extends readonly (infer E)[]
    ? E
    : T extends Record<string, infer V>
      ? V
      : never;

/** The type at a dotted path of T (`headers.${number}.name` → string). */
export type PathValue<T, P extends string> = P extends `${infer K}.${infer R}`
  ? PathValue<Child<T, K>, R>
  : Child<T, P>;

type Values<T, N extends readonly string[]> = { [I in keyof N]: PathValue<T, N[I]> };

export interface FieldError {
  type: string;
  message?: string;
}

/** Errors as nested objects, in the shape of the values (`errors.headers?.[1]?.name?.message`). */
export type FieldErrors<T> = {
  [K in keyof T]?: T[K] extends readonly (infer E)[]
    ? Array<FieldErrors<E> | undefined> & FieldError
    : T[K] extends object
      ? FieldErrors<T[K]> & FieldError
      : FieldError;
};

/** What a field's validation says: true (or undefined) when it is valid, else the message. */
type Validate<T> = (value: string, all: T) => string | true | undefined;

export interface RegisterOptions<T> {
  /** Called after the value changed, before the field is validated. */
  onChange?: () => void;
  validate?: Validate<T>;
  /** Fields validated again whenever this one changes (a header's name and value depend on each other). */
  deps?: readonly string[];
}

type FieldElement = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface Registered {
  name: string;
  /** Attaches the field's element (several for a radio group); returns its detach. */
  ref: (el: FieldElement | null) => (() => void) | undefined;
  onChange: (e: { target: { value: string } }) => void;
}

function getIn(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of root with the value at path replaced; objects and arrays along the path are copied. */
function setIn<T>(root: T, path: string, value: unknown): T {
  const [key = '', ...rest] = path.split('.');
  const node = (root ?? {}) as Record<string, unknown>;
  const next: Record<string, unknown> = Array.isArray(node)
    ? ([...node] as unknown as Record<string, unknown>)
    : { ...node };
  next[key] = rest.length ? setIn(node[key], rest.join('.'), value) : value;
  return next as T;
}

const within = (name: string, path: string) => name === path || name.startsWith(`${path}.`);

const METHODS = [
  'getValues',
  'setValue',
  'reset',
  'register',
  'fieldChanged',
  'setFocus',
  'setError',
  'handleSubmit',
  'subscribe',
] as const;

let nextRowId = 0;
const rowId = () => `row-${(nextRowId += 1)}`;

export class FormStore<T extends object> {
  private values: T;
  private errors = new Map<string, FieldError>();
  private submitCount = 0;
  private formState: { errors: FieldErrors<T>; submitCount: number } = { errors: {}, submitCount: 0 };
  private readonly rules = new Map<string, RegisterOptions<T>>();
  private readonly elements = new Map<string, FieldElement[]>();
  private readonly refs = new Map<string, Registered['ref']>();
  private readonly rowIds = new Map<string, string[]>();
  private readonly valueListeners = new Set<() => void>();
  private readonly stateListeners = new Set<() => void>();
  private focusWhenMounted: string | null = null;

  /** The form itself stands for its control, as hooks take it. */
  readonly control = this;

  constructor(defaults: T) {
    this.values = defaults;
    // Its methods are handed around on their own (const { register, setValue } = form).
    for (const method of METHODS) Object.assign(this, { [method]: this[method].bind(this) });
  }

  // ---- values ----

  getValues(): T;
  getValues<P extends string>(name: P): PathValue<T, P>;
  getValues(name?: string): unknown {
    return name === undefined ? this.values : getIn(this.values, name);
  }

  setValue<P extends string>(name: P, value: PathValue<T, P>, options: { shouldValidate?: boolean } = {}): void {
    this.values = setIn(this.values, name, value);
    this.syncElements(name);
    this.changed();
    if (options.shouldValidate) this.validateField(name);
  }

  /** Replaces every value (a loaded entry, another tab): errors and the submit count start over. */
  reset(values: T): void {
    this.values = values;
    this.rowIds.clear();
    this.errors.clear();
    this.submitCount = 0;
    this.publishState();
    for (const name of this.elements.keys()) this.syncElement(name);
    this.changed();
  }

  // ---- fields ----

  register(name: string, options: RegisterOptions<T> = {}): Registered {
    this.rules.set(name, options);
    let ref = this.refs.get(name);
    if (!ref) {
      ref = (el) => {
        if (!el) return undefined;
        this.elements.set(name, [...(this.elements.get(name) ?? []), el]);
        this.syncElement(name);
        if (this.focusWhenMounted === name) {
          this.focusWhenMounted = null;
          el.focus();
        }
        return () => {
          const left = (this.elements.get(name) ?? []).filter((e) => e !== el);
          if (left.length) this.elements.set(name, left);
          else this.elements.delete(name);
        };
      };
      this.refs.set(name, ref);
    }
    return {
      name,
      ref,
      onChange: (e) => this.fieldChanged(name, e.target.value),
    };
  }

  /** A value typed into a field (or given by a Controller's editor). */
  fieldChanged(name: string, value: string): void {
    this.values = setIn(this.values, name, value);
    this.changed();
    this.rules.get(name)?.onChange?.();
    this.validateField(name);
    for (const dep of this.rules.get(name)?.deps ?? []) this.validateField(dep);
  }

  setFocus(name: string): void {
    this.elements.get(name)?.[0]?.focus();
  }

  // ---- validation ----

  setError(name: string, error: FieldError, options: { shouldFocus?: boolean } = {}): void {
    this.errors.set(name, error);
    this.publishState();
    if (options.shouldFocus) this.setFocus(name);
  }

  /** Validates every mounted field; calls onValid with the values, or focuses the first field in error. */
  handleSubmit(
    onValid: (values: T) => void,
    onInvalid?: (errors: FieldErrors<T>) => void,
  ): (event?: { preventDefault: () => void }) => Promise<void> {
    return (event) => {
      event?.preventDefault();
      this.errors.clear();
      for (const name of this.elements.keys()) this.check(name);
      this.submitCount += 1;
      this.publishState();
      if (this.errors.size === 0) onValid(this.values);
      else {
        this.firstInvalid()?.focus();
        onInvalid?.(this.formState.errors);
      }
      return Promise.resolve();
    };
  }

  private validateField(name: string): void {
    if (!this.elements.has(name) && !this.rules.has(name)) return;
    const before = this.errors.get(name);
    this.check(name);
    if (before !== this.errors.get(name)) this.publishState();
  }

  private check(name: string): void {
    const validate = this.rules.get(name)?.validate;
    const said = validate?.(String(getIn(this.values, name) ?? ''), this.values);
    if (typeof said === 'string') this.errors.set(name, { type: 'validate', message: said });
    else this.errors.delete(name);
  }

  private firstInvalid(): HTMLElement | undefined {
    const inError = [...this.errors.keys()].flatMap((n) => this.elements.get(n)?.[0] ?? []);
    return inError.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
  }

  // ---- field arrays ----

  /** Stable ids for the rows of an array value, so that a row keeps its inputs when another goes. */
  rowIdsOf(name: string): string[] {
    const rows = getIn(this.values, name);
    const length = Array.isArray(rows) ? rows.length : 0;
    let ids = this.rowIds.get(name) ?? [];
    if (ids.length !== length) {
      ids =
        ids.length > length ? ids.slice(0, length) : [...ids, ...Array.from({ length: length - ids.length }, rowId)];
      this.rowIds.set(name, ids);
    }
    return ids;
  }

  appendRow(name: string, row: unknown, focusName?: string): void {
    const rows = (getIn(this.values, name) as unknown[] | undefined) ?? [];
    this.rowIds.set(name, [...this.rowIdsOf(name), rowId()]);
    this.focusWhenMounted = focusName ?? null;
    this.setValue(name, [...rows, row] as PathValue<T, string>);
  }

  removeRow(name: string, index: number): void {
    const rows = (getIn(this.values, name) as unknown[] | undefined) ?? [];
    const ids = [...this.rowIdsOf(name)];
    ids.splice(index, 1);
    this.rowIds.set(name, ids);
    // The errors of the rows after it move up with them.
    const moved = new Map<string, FieldError>();
    for (const [key, error] of this.errors) {
      const m = key.startsWith(`${name}.`) ? /^(\d+)(\..*)?$/.exec(key.slice(name.length + 1)) : null;
      if (!m) moved.set(key, error);
      else if (Number(m[1]) > index) moved.set(`${name}.${Number(m[1]) - 1}${m[2] ?? ''}`, error);
      else if (Number(m[1]) < index) moved.set(key, error);
    }
    this.errors = moved;
    this.values = setIn(
      this.values,
      name,
      rows.filter((_, i) => i !== index),
    );
    this.publishState();
    this.changed();
  }

  // ---- subscriptions ----

  /** Calls back after every change of a value; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void {
    this.valueListeners.add(onChange);
    return () => this.valueListeners.delete(onChange);
  }

  subscribeState(onChange: () => void): () => void {
    this.stateListeners.add(onChange);
    return () => this.stateListeners.delete(onChange);
  }

  getFormState(): { errors: FieldErrors<T>; submitCount: number } {
    return this.formState;
  }

  private changed(): void {
    for (const listener of [...this.valueListeners]) listener();
  }

  private publishState(): void {
    let nested: Record<string, unknown> = {};
    for (const [name, error] of this.errors) {
      // A parent reads as "has errors" too (errors.params, errors.headers).
      const parts = name.split('.');
      for (let i = 1; i < parts.length; i++) {
        const parent = parts.slice(0, i).join('.');
        if (getIn(nested, parent) === undefined) nested = setIn(nested, parent, /^\d+$/.test(parts[i] ?? '') ? [] : {});
      }
      nested = setIn(nested, name, error);
    }
    this.formState = { errors: nested as FieldErrors<T>, submitCount: this.submitCount };
    for (const listener of [...this.stateListeners]) listener();
  }

  private syncElements(path: string): void {
    for (const name of this.elements.keys()) if (within(name, path)) this.syncElement(name);
  }

  private syncElement(name: string): void {
    const value = String(getIn(this.values, name) ?? '');
    for (const el of this.elements.get(name) ?? []) {
      // A radio button is checked when it stands for the value; any other field shows the value.
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox'))
        el.checked = el.value === value;
      else if (el.value !== value) el.value = value;
    }
  }
}

// ---- hooks ---------------------------------------------------------------------------------------

/** A form with these starting values, made once for the component's life. */
export function useForm<T extends object>(defaultValues: T): FormStore<T> {
  const [form] = useState(() => new FormStore(defaultValues));
  return form;
}

/** The values (or one value, or several) as they change; re-renders only when what it reads changed. */
export function useWatch<T extends object>(args: { control: FormStore<T> }): T;
export function useWatch<T extends object, P extends string>(args: { control: FormStore<T>; name: P }): PathValue<T, P>;
export function useWatch<T extends object, const N extends readonly string[]>(args: {
  control: FormStore<T>;
  name: N;
}): Values<T, N>;
export function useWatch<T extends object>({
  control,
  name,
}: {
  control: FormStore<T>;
  name?: string | readonly string[];
}): unknown {
  const last = useRef<unknown[] | null>(null);
  const read = useCallback(() => {
    if (name === undefined) return control.getValues();
    if (typeof name === 'string') return control.getValues(name);
    const next = name.map((n) => control.getValues(n));
    const prev = last.current;
    if (prev && prev.length === next.length && prev.every((v, i) => Object.is(v, next[i]))) return prev;
    last.current = next;
    return next;
  }, [control, name]);
  return useSyncExternalStore(
    useCallback((onChange: () => void) => control.subscribe(onChange), [control]),
    read,
    read,
  );
}

/** The errors and the submit count, re-rendering when they change. */
export function useFormState<T extends object>(control: FormStore<T>): { errors: FieldErrors<T>; submitCount: number } {
  const subscribe = useCallback((onChange: () => void) => control.subscribeState(onChange), [control]);
  const read = useCallback(() => control.getFormState(), [control]);
  return useSyncExternalStore(subscribe, read, read);
}

/** The rows of an array value with stable ids, and the row operations. */
export function useFieldArray<T extends object, P extends string>({
  control,
  name,
}: {
  control: FormStore<T>;
  name: P;
}) {
  const rows = useWatch({ control, name }) as unknown as readonly object[] | undefined;
  const ids = control.rowIdsOf(name);
  const fields = (rows ?? []).map((row, i) => ({ ...row, id: ids[i] ?? String(i) }));
  return {
    fields,
    append: (row: PathValue<T, `${P}.${number}`>, options: { focusName?: string } = {}) =>
      control.appendRow(name, row, options.focusName),
    remove: (index: number) => control.removeRow(name, index),
  };
}

/** A field drawn by its own component (the body editor, the endpoint picker), as a value and an onChange. */
export function Controller<T extends object, P extends string>({
  control,
  name,
  render,
}: {
  control: FormStore<T>;
  name: P;
  render: (props: { field: { value: PathValue<T, P>; onChange: (value: string) => void } }) => ReactElement;
}): ReactElement {
  const value = useWatch({ control, name });
  return render({
    field: { value, onChange: (v: string) => control.fieldChanged(name, v) },
  });
}
