import { defineConfig } from "vitest/config";

/**
 * One vitest setup for every workspace package: sources run unbuilt through the
 * `@cat-harvest/source` export condition, so a test sees the code as it is in src/.
 */
export default defineConfig({
  resolve: { conditions: ["@cat-harvest/source"] },
  ssr: { resolve: { conditions: ["@cat-harvest/source"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "test/runtime/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
