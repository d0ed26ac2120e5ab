/**
 * The environment a cluster or a registered namespace belongs to (SPEC §3). It drives the approval
 * policy (§17.3): the environment of a request comes from its namespace, never from the System.
 */
export const Environment = {
  TEST: "test",
  PROD: "prod",
} as const;

export type Environment = (typeof Environment)[keyof typeof Environment];
