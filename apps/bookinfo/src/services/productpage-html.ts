// productpage's server-rendered HTML, laid out like Istio's Bookinfo page (no script needed):
// the book, its details, the reviews with stars (v2 black, v3 red) and a sign-in form.
import type { Review, ReviewsResponse } from './reviews.js';

export const DETAILS_UNAVAILABLE = 'Sorry, product details are currently unavailable for this book.';
export const REVIEWS_UNAVAILABLE = 'Sorry, product reviews are currently unavailable for this book.';

export const CSS = `body{font-family:Helvetica,Arial,sans-serif;margin:0;color:#333}
nav{background:#222;color:#eee;padding:8px 16px;display:flex;justify-content:space-between;align-items:center}
nav a,nav button{color:#fff}nav form{display:flex;gap:6px;align-items:center}
main{max-width:1000px;margin:0 auto;padding:16px}h1{text-align:center}
.columns{display:flex;gap:32px}.columns section{flex:1}
table.details td{padding:4px 8px}.error{color:#a94442}
blockquote{border-left:4px solid #ddd;margin:0 0 16px;padding:4px 12px}
.stars{font-size:20px}.served-by{color:#777}
`;

export interface PageModel {
  /** The page's own path and query (the sign-in form comes back to it). */
  page: string;
  user?: string;
  details?: Record<string, unknown>;
  reviews?: ReviewsResponse;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

function layout(body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simple Bookstore App</title><link rel="stylesheet" href="/static/bookinfo.css"></head>
<body>${body}</body></html>
`;
}

function nav(page: string, user: string | undefined): string {
  const session = user
    ? `<span class="user">Welcome, <b>${escapeHtml(user)}</b></span> <a class="logout" href="/logout?next=${encodeURIComponent(page)}">Sign out</a>`
    : `<form class="login" method="post" action="/login">
<input type="hidden" name="next" value="${escapeHtml(page)}">
<label>User name <input type="text" name="username" required></label>
<label>Password <input type="password" name="passwd"></label>
<button type="submit">Sign in</button></form>`;
  return `<nav><a class="brand" href="/productpage">BookInfo Sample</a>${session}</nav>`;
}

const DETAIL_ROWS: readonly [string, string][] = [
  ['Author', 'author'],
  ['Year', 'year'],
  ['Type', 'type'],
  ['Pages', 'pages'],
  ['Publisher', 'publisher'],
  ['Language', 'language'],
  ['ISBN-10', 'ISBN-10'],
  ['ISBN-13', 'ISBN-13'],
];

function detailsSection(details: Record<string, unknown> | undefined): string {
  if (!details) return `<h4 class="error">Error fetching product details!</h4><p class="details-error">${DETAILS_UNAVAILABLE}</p>`;
  const rows = DETAIL_ROWS.map(([label, key]) => `<tr><th>${label}:</th><td>${escapeHtml(details[key] ?? '')}</td></tr>`);
  return `<h4>Book Details</h4><table class="details">${rows.join('')}</table>`;
}

function stars(review: Review): string {
  const rating = review.rating;
  if (typeof rating !== 'object' || rating === null) return '';
  if ('error' in rating) return `<p class="ratings-error"><i>${escapeHtml(rating.error)}</i></p>`;
  const full = Math.max(0, Math.min(5, Math.round(rating.stars)));
  const color = rating.color === 'red' ? 'red' : 'black';
  return `<span class="stars stars-${color}" style="color:${color}" title="${full} out of 5">${'★'.repeat(full)}${'☆'.repeat(5 - full)}</span>`;
}

function reviewsSection(reviews: ReviewsResponse | undefined): string {
  if (!reviews) return `<h4 class="error">Error fetching product reviews!</h4><p class="reviews-error">${REVIEWS_UNAVAILABLE}</p>`;
  const items = reviews.reviews.map(
    (r) => `<blockquote class="review"><p>${escapeHtml(r.text)}</p><small>${escapeHtml(r.reviewer)}</small>${stars(r)}</blockquote>`,
  );
  return `<h4>Book Reviews</h4>${items.join('')}<p class="served-by">Reviews served by: <u>${escapeHtml(reviews.podname)}</u></p>`;
}

export function renderProductPage(model: PageModel): string {
  return layout(`${nav(model.page, model.user)}
<main><h1>The Comedy of Errors</h1>
<p class="summary">Summary: <a href="https://en.wikipedia.org/wiki/The_Comedy_of_Errors">Wikipedia Summary</a>: The Comedy of Errors is one of <b>William Shakespeare's</b> early plays. It is his shortest and one of his most farcical comedies, with a major part of the humour coming from slapstick and mistaken identity, in addition to puns and word play.</p>
<div class="columns"><section class="details">${detailsSection(model.details)}</section>
<section class="reviews">${reviewsSection(model.reviews)}</section></div></main>`);
}

export function renderIndex(): string {
  return layout(`<main><h1>Simple Bookstore App</h1>
<p>Hello! This is a simple bookstore application consisting of four services: productpage, details, reviews (v1, v2, v3) and ratings.</p>
<p>Click on one of the links below to see how it works.</p>
<p><a href="/productpage?u=normal">Normal user</a> · <a href="/productpage?u=test">Test user</a></p></main>`);
}
