import { useEffect, useRef, useState } from 'react';

/**
 * Camera barcode scanning with the browser's own BarcodeDetector (Chrome on Android, macOS and
 * ChromeOS; not in Firefox or desktop Linux), so no scanning library ships in the app. Where the
 * browser lacks it, the caller simply does not offer scanning: typing the digits always works.
 */

interface DetectedBarcode {
  rawValue: string;
  format: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options?: { formats?: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

/** The retail formats a food package carries. */
const FOOD_FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e'];

function detectorClass(): BarcodeDetectorClass | null {
  const c = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  return typeof c === 'function' ? c : null;
}

/** True where the browser can scan: a BarcodeDetector and a camera API. */
export function canScanBarcodes(): boolean {
  return detectorClass() !== null && typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

type Phase = { kind: 'starting' } | { kind: 'scanning' } | { kind: 'error'; message: string };

function cameraError(e: unknown): string {
  const name = (e as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'Camera access was not allowed. To scan, allow the camera for this site in your browser settings. You can also type the digits under the barcode.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'No camera was found on this device. Type the digits under the barcode instead.';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'The camera could not be started; another app may be using it. Close it and try again, or type the digits.';
  return `The camera could not be used (${(e as Error)?.message ?? 'unknown reason'}). Type the digits under the barcode instead.`;
}

/**
 * The live camera preview and detection loop. Mount it only while scanning: unmounting stops the
 * camera. `onDetected` gets the first retail barcode seen (8–14 digits).
 */
export function BarcodeScanner({ onDetected, onCancel }: { onDetected: (code: string) => void; onCancel: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const detectedRef = useRef(onDetected);
  detectedRef.current = onDetected;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    let busy = false;
    let last = 0;

    const stop = () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((t) => t.stop());
      stream = null;
      if (video.current) video.current.srcObject = null;
    };

    void (async () => {
      const Detector = detectorClass();
      if (!Detector || !navigator.mediaDevices?.getUserMedia) {
        setPhase({ kind: 'error', message: 'This browser cannot scan barcodes. Type the digits under the barcode instead.' });
        return;
      }
      let detector: BarcodeDetectorLike;
      try {
        const supported = (await Detector.getSupportedFormats?.()) ?? FOOD_FORMATS;
        const formats = FOOD_FORMATS.filter((f) => supported.includes(f));
        if (formats.length === 0) {
          setPhase({ kind: 'error', message: 'This browser cannot read food barcodes (EAN or UPC). Type the digits instead.' });
          return;
        }
        detector = new Detector({ formats });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      } catch (e) {
        if (!stopped) setPhase({ kind: 'error', message: cameraError(e) });
        return;
      }
      if (stopped) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      const v = video.current;
      if (!v) return stop();
      v.srcObject = stream;
      try {
        await v.play();
      } catch (e) {
        if (!stopped) setPhase({ kind: 'error', message: cameraError(e) });
        return stop();
      }
      if (stopped) return;
      setPhase({ kind: 'scanning' });
      // Detection every ~150 ms is plenty for a held-up package and spares the battery.
      const tick = (t: number) => {
        if (stopped) return;
        frame = requestAnimationFrame(tick);
        if (busy || t - last < 150 || v.readyState < 2) return;
        busy = true;
        last = t;
        detector
          .detect(v)
          .then((codes) => {
            const hit = codes.map((c) => c.rawValue.trim()).find((c) => /^\d{8,14}$/.test(c));
            if (hit && !stopped) {
              stop();
              detectedRef.current(hit);
            }
          })
          .catch(() => {
            // A frame that cannot be read (still decoding, resized) is simply skipped.
          })
          .finally(() => {
            busy = false;
          });
      };
      frame = requestAnimationFrame(tick);
    })();

    return stop;
  }, []);

  return (
    <div className="scanner">
      <div className="scanner-view" hidden={phase.kind === 'error'}>
        <video ref={video} muted playsInline aria-label="Camera preview" />
        <span className="scanner-guide" aria-hidden="true" />
      </div>
      <p className={phase.kind === 'error' ? 'error-text' : 'small'} role={phase.kind === 'error' ? 'alert' : 'status'}>
        {phase.kind === 'starting' && 'Starting the camera…'}
        {phase.kind === 'scanning' && 'Hold the barcode inside the frame, about a hand’s width from the camera.'}
        {phase.kind === 'error' && phase.message}
      </p>
      <div className="row">
        <button type="button" onClick={onCancel}>
          {phase.kind === 'error' ? 'Close' : 'Stop scanning'}
        </button>
      </div>
    </div>
  );
}
