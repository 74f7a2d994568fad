/**
 * Registers the WebGPU and WASM backends beside tfjs's built-in WebGL and CPU,
 * and tells the backend chooser about WebGPU adapters. Browser-only (Vite `?url`
 * imports); Node tests use the cpu backend and never import this file.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendHost } from './backend';

export function registerBrowserBackends(): void {
  // Multithreaded wasm crashes in a production build here; single-threaded SIMD is what readers get.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
}

interface GpuLike {
  requestAdapter(): Promise<{ isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean } } | null>;
}

export const browserBackendHost: BackendHost = {
  async webgpuAdapter() {
    const gpu = (globalThis.navigator as unknown as { gpu?: GpuLike }).gpu;
    if (!gpu) return { available: false, fallback: false };
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { available: false, fallback: false };
    // The WebGPU backend (about 40 KiB gzip, its own chunk) loads only where an adapter exists; importing it
    // registers the backend and its kernels, before the chooser looks for its factory (backend.ts).
    await import('@tensorflow/tfjs-backend-webgpu');
    return { available: true, fallback: Boolean(adapter.isFallbackAdapter ?? adapter.info?.isFallbackAdapter) };
  },
  async webglSoftware() {
    if (typeof OffscreenCanvas === 'undefined') return false;
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext(); // a probe context must not count against the page's limit
    return /swiftshader|llvmpipe|software/i.test(renderer);
  },
};
