// The request header through which proxy.ts tells server code which page was asked for (path and query):
// Next gives layouts no pathname, yet a layout that sends an anonymous visitor to sign-in must say where
// to come back to. The proxy always overwrites it, and readers still pass it through safeNextPath.
export const REQUEST_PATH_HEADER = "x-shepherd-request-path";
