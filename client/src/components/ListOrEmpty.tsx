import { Index, Show, type JSX } from 'solid-js';

/**
 * The "a list, or a line saying there is nothing" pattern of the panels and cards.
 * Index keeps each row's DOM (and the focus in its controls) when an optimistic update
 * replaces the items with new objects.
 */
export function ListOrEmpty<T>(props: {
  items: readonly T[];
  empty: string;
  emptyClass?: string;
  class?: string;
  ordered?: boolean;
  testId?: string;
  children: (item: () => T) => JSX.Element;
}) {
  const rows = () => <Index each={props.items}>{(item) => <li>{props.children(item)}</li>}</Index>;
  return (
    <Show when={props.items.length > 0} fallback={<p class={props.emptyClass ?? 'muted'}>{props.empty}</p>}>
      <Show
        when={props.ordered}
        fallback={
          <ul class={props.class} data-testid={props.testId}>
            {rows()}
          </ul>
        }
      >
        <ol class={props.class} data-testid={props.testId}>
          {rows()}
        </ol>
      </Show>
    </Show>
  );
}
