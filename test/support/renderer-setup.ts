import '@testing-library/jest-dom/vitest';
import { Blob as NodeBlob } from 'node:buffer';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Main's code runs in this jsdom process too (test/support/renderer-backend.ts): it gets Node's Blob, as in
// Electron's main. jsdom's has no arrayBuffer(); a browser's has, so the renderer loses nothing.
globalThis.Blob = NodeBlob as unknown as typeof Blob;

afterEach(() => cleanup());
