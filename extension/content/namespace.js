// The content scripts are classic scripts sharing one isolated world; they meet in one namespace
// object rather than in loose globals. Node's unit tests import the same files.
(function (root) {
  root.Postguard = root.Postguard || { sites: {} };
})(globalThis);
