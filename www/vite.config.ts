import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

// The page lives in www/; the build goes to www/dist and uses relative URLs so
// the same bundle can be served from any path (a blog, a sub-folder).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
  },
  // The engine worker imports the wasm-bindgen ES module; keep it a module worker.
  worker: { format: "es" },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
