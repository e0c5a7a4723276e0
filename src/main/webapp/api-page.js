// The API page: Swagger UI over the service's own OpenAPI document. Everything it loads comes
// from this server; the validator badge (which would call swagger.io) is off.
window.ui = SwaggerUIBundle({
    url: '/openapi',
    dom_id: '#api',
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    tryItOutEnabled: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
});
