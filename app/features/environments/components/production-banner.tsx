/** The unmistakable strip shown on every screen while Production is selected. */
export function ProductionBanner() {
  return (
    <div
      role="note"
      aria-label="Production environment"
      className="flex items-center justify-center gap-2 bg-env-production px-4 py-1 text-xs font-semibold tracking-wide text-white"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
        <path d="M8 1.5 15 14H1L8 1.5zm-.75 4.5v4h1.5V6h-1.5zm0 5v1.5h1.5V11h-1.5z" />
      </svg>
      PRODUCTION — requests go to the live Qredo API and can move real funds. Mutating requests ask for confirmation.
    </div>
  );
}
