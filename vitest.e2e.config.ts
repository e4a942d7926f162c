import {defineConfig} from "vitest/config";

// Tests that need a built site (test/build) or a real browser (test/browser). They run one file
// at a time: the build writes dist/, the browser tests read it.
export default defineConfig({
  test: {
    include: ["test/build/**/*.test.ts", "test/browser/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    pool: "forks",
    env: {TZ: "Europe/Amsterdam"}
  }
});
