import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type ProxyOptions } from 'vite';

/**
 * In development the dev server plays the edge: it sends each /api prefix to the
 * service that owns it, exactly as nginx does in the image. Override any target
 * with CATALOG_URL, CART_URL or ORDER_URL.
 */
function apiProxy(env: Record<string, string>): Record<string, ProxyOptions> {
  const catalog = env.CATALOG_URL ?? 'http://127.0.0.1:3001';
  const cart = env.CART_URL ?? 'http://127.0.0.1:3002';
  const order = env.ORDER_URL ?? 'http://127.0.0.1:3003';
  return {
    '/api/products': { target: catalog },
    '/api/categories': { target: catalog },
    '/api/images': { target: catalog },
    '/api/carts': { target: cart },
    '/api/orders': { target: order },
  };
}

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), ''), ...process.env } as Record<string, string>;
  const proxy = apiProxy(env);
  return {
    plugins: [react()],
    server: { host: '127.0.0.1', port: Number(env.STOREFRONT_PORT ?? 5173), proxy },
    preview: { host: '127.0.0.1', port: Number(env.PREVIEW_PORT ?? 4173), proxy },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      rolldownOptions: {
        output: {
          // The schemas (zod) are needed only where forms are validated: one named, lazily loaded chunk.
          codeSplitting: {
            groups: [
              { name: 'contracts', test: /[\\/](libs[\\/]contracts|node_modules[\\/]zod)[\\/]/ },
            ],
          },
        },
      },
    },
  };
});
