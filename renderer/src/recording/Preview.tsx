import { useEffect, useRef } from 'react';

/** A live, muted view of a stream (muted: hearing yourself through the speakers would echo). */
export function Preview({ stream, className, label }: { stream: MediaStream | null; className?: string; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} className={className} muted autoPlay playsInline aria-label={label} />;
}
