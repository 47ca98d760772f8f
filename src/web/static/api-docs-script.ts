/**
 * The browser script of the API docs page, served as /static/api-docs.js: starts Swagger UI
 * (swagger-ui-dist, served from this origin) on the OpenAPI document named by #swagger-ui. "Try
 * it out" sends the session's CSRF token, which a signed-in change needs (authenticate.ts). No
 * validator badge: it would load an image from swagger.io, which the CSP refuses.
 */
export const apiDocsScript = String.raw`// Starts Swagger UI on the document named by #swagger-ui's data-url.
(function () {
  'use strict';
  var root = document.getElementById('swagger-ui');
  if (!root || typeof window.SwaggerUIBundle !== 'function') return;
  var csrf = root.getAttribute('data-csrf') || '';
  window.SwaggerUIBundle({
    url: root.getAttribute('data-url'),
    domNode: root,
    deepLinking: false,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    requestInterceptor: function (request) {
      if (csrf) request.headers['X-CSRF-Token'] = csrf;
      return request;
    },
    onComplete: function () { root.setAttribute('data-ready', 'true'); },
  });
})();
`;
