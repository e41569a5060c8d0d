import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Suggestion } from '@portside/contracts';
import { useNavigate, useSearchParams } from 'react-router';
import { useSuggestions } from './useSuggestions';

/** Where choosing a suggestion goes. */
export const suggestionHref = (s: Suggestion) =>
  s.kind === 'product' ? `/products/${s.slug}` : `/search?category=${encodeURIComponent(s.slug)}`;

function Highlighted({ suggestion }: { suggestion: Suggestion }) {
  return (
    <>
      {suggestion.highlight.map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}

/**
 * The site search as a WAI-ARIA combobox (list autocomplete): suggestions as
 * the shopper types; Down and Up move through them, Enter opens the chosen one
 * (or searches for the text), Escape closes the list (or clears the text); the
 * number of suggestions is announced in a polite live region.
 */
export function SearchCombobox() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const id = useId();
  const listId = `${id}-suggestions`;
  const suggestions = useSuggestions(open ? q : '');
  const items = suggestions?.items ?? [];
  const expanded = open && items.length > 0;

  useEffect(() => setQ(params.get('q') ?? ''), [params]);
  useEffect(() => setActive(-1), [suggestions]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const go = (href: string) => {
    close();
    navigate(href);
  };
  const searchFor = (text: string) => {
    const query = text.trim();
    go(query ? `/search?q=${encodeURIComponent(query)}` : '/search');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = expanded ? items[active] : undefined;
    if (chosen) go(suggestionHref(chosen));
    else searchFor(q);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      if (items.length === 0) return;
      // Both ends wrap around, as the pattern allows.
      setActive((i) =>
        event.key === 'ArrowDown' ? (i + 1) % items.length : i <= 0 ? items.length - 1 : i - 1,
      );
    } else if (event.key === 'Escape') {
      if (expanded) close();
      else setQ('');
    }
  };

  const announcement =
    !open || !suggestions
      ? ''
      : items.length === 0
        ? suggestions.didYouMean
          ? `No suggestions. Did you mean ${suggestions.didYouMean}?`
          : 'No suggestions.'
        : `${items.length} ${items.length === 1 ? 'suggestion' : 'suggestions'}${suggestions.didYouMean ? ` for ${suggestions.didYouMean}` : ''}. Use up and down arrows to choose.`;

  return (
    <form role="search" className="searchbox" onSubmit={submit}>
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search products
      </label>
      <div className="combobox">
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          autoComplete="off"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
          placeholder="Search products"
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className="combobox__list"
          hidden={!expanded}
        >
          {suggestions?.didYouMean && expanded && (
            <li role="presentation" className="combobox__note">
              Showing results for {suggestions.didYouMean}
            </li>
          )}
          {items.map((s, i) => (
            <li
              key={`${s.kind}:${s.slug}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className="combobox__option"
              // mousedown, not click: it comes before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                go(suggestionHref(s));
              }}
            >
              <Highlighted suggestion={s} />
              <span className="combobox__kind">
                {s.kind === 'category' ? ' in categories' : ''}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
      <button type="submit" className="button">
        Search
      </button>
    </form>
  );
}
