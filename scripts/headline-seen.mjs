// The page script both browser benchmarks (bench-phone, bench-national)
// put before the explorer's own: it notes in window.__headline the moment
// (performance.now()) a headline figure is first on screen.
export const HEADLINE_SEEN = `
  const seen = () => {
    const el = document.querySelector('[data-testid="current"]');
    if (el && el.textContent.trim() !== '' && el.getBoundingClientRect().height > 0) {
      window.__headline = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, obs) => { if (seen()) obs.disconnect(); })
    .observe(document, { childList: true, subtree: true, characterData: true });
`;
