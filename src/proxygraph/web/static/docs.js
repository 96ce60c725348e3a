// The API reference pages: Swagger UI (/docs) or ReDoc (/redoc) over the app's own
// /openapi.json, both from npm packages served by the app (no CDN, works offline).
"use strict";
(function () {
  const swagger = document.getElementById("swagger-ui");
  const redoc = document.getElementById("redoc");
  if (swagger && window.SwaggerUIBundle) {
    window.SwaggerUIBundle({ url: swagger.dataset.spec, dom_id: "#swagger-ui", deepLinking: true,
      presets: [window.SwaggerUIBundle.presets.apis], layout: "BaseLayout" });
  } else if (redoc && window.Redoc) {
    window.Redoc.init(redoc.dataset.spec, { hideDownloadButton: false }, redoc);
  } else {
    (swagger || redoc).textContent = "The API reference needs `make web-deps` (npm packages); " +
      "the schema itself is at /openapi.json.";
  }
})();
