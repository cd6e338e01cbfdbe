// The document-language component (dashboard/ui/doclang.py): sets <html lang> of the
// dashboard page, the parent of this same-origin iframe, to the language Streamlit passes in.
//
// A minimal Streamlit component (protocol v1, as streamlit-component-lib speaks it):
// tell the parent we are ready, take "streamlit:render" messages, keep the frame 0 px high.
// It loads from this origin only and sends nothing over the network.
(function () {
  "use strict";
  var TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;  // a BCP 47 language tag, roughly

  function send(type, data) {
    var message = {isStreamlitMessage: true, type: type};
    for (var k in data) { message[k] = data[k]; }
    window.parent.postMessage(message, window.location.origin);
  }

  function apply(lang) {
    if (typeof lang !== "string" || !TAG.test(lang)) { return; }
    try {
      var root = window.parent.document.documentElement;
      if (root.lang !== lang) { root.lang = lang; }
    } catch (e) {
      // Not same-origin (a proxy that moved the component elsewhere): nothing we may touch.
    }
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || event.origin !== window.location.origin) { return; }
    var data = event.data;
    if (!data || data.type !== "streamlit:render") { return; }
    apply(data.args && data.args.lang);
    send("streamlit:setFrameHeight", {height: 0});
  });

  send("streamlit:componentReady", {apiVersion: 1});
})();
