/** How a browser reaches a VM console (RFC-0011). The provider throws PROVIDER_NOT_SUPPORTED until it is built. */

export const ConsoleType = {
  VNC: "vnc",
  SERIAL: "serial",
} as const;

export type ConsoleType = (typeof ConsoleType)[keyof typeof ConsoleType];

export interface ConsoleConnection {
  type: ConsoleType;
  /** WebSocket URL the client connects to. */
  endpoint: string;
  /** Short-lived credential for the endpoint; a secret, never logged. */
  token?: string;
  expiresAt?: Date;
}
