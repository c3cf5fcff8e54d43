// Renders the API documentation with Swagger UI (served from its WebJar). An external script, not
// an inline one, so that the page keeps the strict Content-Security-Policy (script-src 'self').
document.addEventListener("DOMContentLoaded", function () {
  var target = document.getElementById("swagger-ui");
  if (!target || typeof SwaggerUIBundle !== "function") {
    return;
  }
  SwaggerUIBundle({
    url: target.getAttribute("data-url"),
    domNode: target,
    deepLinking: true,
    // Read-only documentation of public GETs; nothing is sent to a validator elsewhere.
    validatorUrl: null,
    tryItOutEnabled: false,
  });
});
