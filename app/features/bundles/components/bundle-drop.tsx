import { useEffect, useState } from 'react';
import { announce } from '../../../lib/announce.ts';
import { importFile } from '../bundle-store.ts';

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/** Drop a bundle file anywhere on the page to open it; shows a hint while a file is dragged over. */
export function BundleDrop() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overFn = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      void importFile(file).then((r) => {
        announce(r && 'error' in r ? `Could not import ${file.name}: ${r.error}` : `Imported ${file.name}.`);
        window.location.hash = '#/bundle';
      });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overFn);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!over) return null;
  return (
    <div
      aria-hidden="true"
      className="pointer-events-none fixed inset-0 z-40 flex items-center justify-center bg-sky-500/10 ring-4 ring-sky-500 ring-inset"
    >
      <p className="rounded-lg bg-white px-4 py-2 text-sm font-semibold shadow dark:bg-slate-900">
        Drop a bundle file to open it
      </p>
    </div>
  );
}
