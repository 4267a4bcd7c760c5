import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The desktop shell embeds `dist/` at compile time: no dev server is needed to run the app.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  build: {
    outDir: "dist",
    target: "es2022",
    // Tauri's web views are recent: WebKitGTK 2.40+ on Linux, WebView2 on Windows, WKWebView on macOS.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 1420,
    strictPort: true,
    // Served files: ui/ (Vite's default) and the map's outlines, imported by src/components/FranceMap.tsx
    // from the repository's assets/carte/. Relative paths are resolved from ui/.
    fs: { allow: [".", "../assets/carte"] },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.mjs"],
  },
});
