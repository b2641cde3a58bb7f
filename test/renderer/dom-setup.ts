/** DOM stand-ins for renderer tests (jsdom lacks a few browser APIs the UI primitives call). */
import '@testing-library/jest-dom/vitest';

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
Element.prototype.hasPointerCapture ??= () => false;
Element.prototype.releasePointerCapture ??= () => undefined;

// jsdom does no layout: give the table's scroll container the size of a typical window,
// so the virtualizer renders the rows such a window would show.
const TABLE_VIEWPORT = { clientHeight: 600, clientWidth: 1000 } as const;
for (const property of ['clientHeight', 'clientWidth'] as const) {
  const original = Object.getOwnPropertyDescriptor(Element.prototype, property);
  Object.defineProperty(HTMLElement.prototype, property, {
    configurable: true,
    get(this: HTMLElement) {
      if (this.hasAttribute('data-table-body')) return TABLE_VIEWPORT[property];
      return (original?.get?.call(this) as number | undefined) ?? 0;
    },
  });
}

// CodeMirror measures text through Range rectangles, which jsdom does not implement.
const noRects = () => [] as unknown as DOMRectList;
const emptyRect = () => new DOMRect(0, 0, 0, 0);
Range.prototype.getClientRects ??= noRects;
Range.prototype.getBoundingClientRect ??= emptyRect;
