/*
 * utf8.h - UTF-8 validation, Unicode case folding and display width.
 *
 * SQLite's lower() and LIKE fold ASCII only; crm compares text
 * case-insensitively in every script through crm_utf8_fold(), which is also
 * registered in SQLite as the SQL function crm_fold(x) by db.c.
 */
#ifndef CRM_UTF8_H
#define CRM_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Decode one code point from s (n bytes available).  Returns the number of
 * bytes used (1..4), or 0 for an invalid, overlong or truncated sequence or a
 * surrogate. */
size_t crm_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Append the UTF-8 encoding of cp to b. */
void crm_utf8_encode(struct crm_buf *b, uint32_t cp);

/* 1 when s[0..n) is valid UTF-8; else 0 with *bad set to the byte offset of
 * the first invalid sequence (bad may be NULL). */
int crm_utf8_valid(const char *s, size_t n, size_t *bad);

/* Simple case folding of one code point (Latin, Latin-1, Latin Extended,
 * Greek including final sigma, Cyrillic, Armenian, Georgian, fullwidth
 * forms...): 'A'->'a', 'Ш'->'ш', 'Σ'/'ς'->'σ'. */
uint32_t crm_utf8_fold_cp(uint32_t cp);

/* Append the case-folded form of the NUL-terminated s to out.  Invalid bytes
 * are copied unchanged. */
void crm_utf8_fold(struct crm_buf *out, const char *s, size_t n);

/* Display width in terminal columns: East Asian wide and fullwidth = 2,
 * combining marks and zero-width characters = 0, others 1. */
int crm_utf8_cp_width(uint32_t cp);
size_t crm_utf8_width(const char *s, size_t n);

/* The longest prefix of s (in bytes) that fits in `cols` display columns,
 * never cutting a character in two. */
size_t crm_utf8_prefix_for_width(const char *s, size_t n, size_t cols);

#endif
