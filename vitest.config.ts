import {defineConfig} from "vitest/config";

// Unit tests only; the browser and build tests have their own runner (test/browser, test/build).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "test/build/**", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: {TZ: "Europe/Amsterdam"}
  }
});
