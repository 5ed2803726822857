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
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL("index.html", import.meta.url)),
        embed: fileURLToPath(new URL("embed.html", import.meta.url)),
        // The one script a blog includes: a stable name, next to the pages.
        "gc-playground": fileURLToPath(new URL("src/element.ts", import.meta.url)),
      },
      // Keep the element's exports: a blog may import the class from the script.
      preserveEntrySignatures: "exports-only",
      output: {
        entryFileNames: (chunk) => (chunk.name === "gc-playground" ? "gc-playground.js" : "assets/[name]-[hash].js"),
      },
    },
  },
  // The engine worker imports the wasm-bindgen ES module; keep it a module worker.
  worker: { format: "es" },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
