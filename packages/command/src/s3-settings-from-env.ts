import type { Env } from "./command-io.js";

/** S3 settings from the standard AWS variables. */
export function s3SettingsFromEnv(env: Env): {
  endpoint?: string;
  region?: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
} {
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || (endpoint ? "us-east-1" : undefined);
  const forcePathStyle = env.AWS_S3_FORCE_PATH_STYLE ? /^(1|true|yes)$/i.test(env.AWS_S3_FORCE_PATH_STYLE) : endpoint !== undefined;
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        }
      : undefined;
  return { ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}), forcePathStyle, ...(credentials ? { credentials } : {}) };
}
