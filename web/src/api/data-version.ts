// A counter bumped when a server job finishes, so pages showing data fetch it
// again (the demo import, or an import someone else started).
import { useEffect, useState } from 'preact/hooks';

let version = 0;
const listeners = new Set<(v: number) => void>();

export function bumpDataVersion(): void {
  version += 1;
  for (const l of listeners) l(version);
}

export function useDataVersion(): number {
  const [v, setV] = useState(version);
  useEffect(() => {
    listeners.add(setV);
    setV(version);
    return () => void listeners.delete(setV);
  }, []);
  return v;
}
