import { errorResponse } from './responses';

const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});
const redirect = (description: string) => ({
  description,
  headers: {
    Location: { schema: { type: 'string' }, description: 'where the browser goes next' },
    'Set-Cookie': {
      schema: { type: 'string' },
      description:
        '`license_dashboard={admin_token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800`',
    },
  },
});
const BROWSER = 'for browsers: answers a redirect or a page, not JSON';

/** The dashboard's browser routes: the page, the sign-in page and the session. */
export const dashboardPaths = () => ({
  '/dashboard': {
    get: {
      operationId: 'openDashboard',
      summary:
        'The seat dashboard (HTML). Without a session it redirects to the sign-in page; ?access_token= signs in and redirects to itself without the token',
      tags: ['dashboard'],
      security: [],
      parameters: [
        {
          name: 'access_token',
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description: 'an admin access token, kept in the session cookie',
        },
      ],
      responses: {
        200: html('the dashboard'),
        303: redirect('to /dashboard/login, or to /dashboard once signed in'),
      },
      'x-example-skip': BROWSER,
    },
  },
  '/dashboard/login': {
    get: {
      operationId: 'openDashboardLogin',
      summary: 'The sign-in page (HTML): paste an admin token',
      tags: ['dashboard'],
      security: [],
      responses: { 200: html('the sign-in page') },
    },
  },
  '/dashboard/session': {
    post: {
      operationId: 'signInToDashboard',
      summary: 'Signs a browser in: the admin token goes into an HttpOnly, SameSite=Strict cookie',
      tags: ['dashboard'],
      security: [],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['token'],
              additionalProperties: false,
              properties: { token: { type: 'string', minLength: 1, maxLength: 8191 } },
            },
            example: { token: '{admin_token}' },
          },
        },
      },
      responses: {
        204: redirect('signed in (no body)'),
        400: errorResponse(400),
        401: errorResponse(401),
        403: errorResponse(403),
      },
      'x-example-skip': 'needs an admin token in the body; the browser tests sign in through it',
    },
    delete: {
      operationId: 'signOutOfDashboard',
      summary: 'Signs the browser out (clears the cookie)',
      tags: ['dashboard'],
      security: [],
      responses: { 204: { description: 'signed out' } },
    },
  },
});
