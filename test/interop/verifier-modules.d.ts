// @digitalbazaar/vc-bitstring-status-list ships no type declarations; this covers what the tests call.
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function checkStatus(options: unknown): Promise<unknown>;
}
