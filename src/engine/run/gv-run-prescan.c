/* gv-run-prescan.c: what json-glib 1.6 gets wrong, checked before it reads a run file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-run-file"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "gv-run-json.h"
#include "gv-run-private.h"

/* Deeper than any run file nests (five levels), and far from what would exhaust the
 * stack of json-glib's recursive parser. */
#define MAX_DEPTH 32
/* Numbers a run file holds stay below 2^53; json-glib 1.6 silently wraps integers past
 * 2^63, so anything this long is refused before it gets there. */
#define MAX_INTEGER_DIGITS 18

static inline gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

static gboolean
read_hex4 (const char *data,
           gsize       length,
           gsize       at,
           guint      *value)
{
  *value = 0;
  if (at + 4 > length)
    return FALSE;

  for (gsize k = at; k < at + 4; k++)
    {
      if (!g_ascii_isxdigit (data[k]))
        return FALSE;
      *value = *value * 16 + (guint) g_ascii_xdigit_value (data[k]);
    }

  return TRUE;
}

/* The escape at data[*i] (a backslash), inside a string; leaves *i on its last byte. */
static gboolean
scan_escape (const char  *data,
             gsize        length,
             gsize       *i,
             guint        line,
             gsize        column,
             GError     **error)
{
  guint unit, low;

  if (*i + 1 >= length)
    {
      gv_json_fail (error, _("line %u: the file ends inside a string; is it cut short?"), line);
      return FALSE;
    }

  switch (data[*i + 1])
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      *i += 1;
      return TRUE;

    case 'u':
      if (!read_hex4 (data, length, *i + 2, &unit))
        break;
      if (unit == 0)
        {
          gv_json_fail (error, _("line %u, column %zu: a NUL character (\\u0000) "
                                 "inside a string"), line, column);
          return FALSE;
        }
      if (unit >= 0xdc00 && unit <= 0xdfff)
        {
          gv_json_fail (error, _("line %u, column %zu: \\u%04x is half of a UTF-16 "
                                 "pair, without its first half"), line, column, unit);
          return FALSE;
        }
      if (unit >= 0xd800 && unit <= 0xdbff)
        {
          if (*i + 7 < length && data[*i + 6] == '\\' && data[*i + 7] == 'u' &&
              read_hex4 (data, length, *i + 8, &low) && low >= 0xdc00 && low <= 0xdfff)
            {
              *i += 11;
              return TRUE;
            }
          gv_json_fail (error, _("line %u, column %zu: \\u%04x is half of a UTF-16 "
                                 "pair, without its second half"), line, column, unit);
          return FALSE;
        }
      *i += 5;
      return TRUE;

    default:
      break;
    }

  gv_json_fail (error, _("line %u, column %zu: a backslash that starts no JSON escape"),
                line, column);
  return FALSE;
}

/* What json-glib 1.6 does not check, or gets wrong, checked before it sees the text:
 *  - nesting: a file nested a million deep would overflow its recursive parser's stack;
 *  - integers: one past 2^63 wraps around silently instead of failing;
 *  - one value: after the first it goes on to parse more (it reads JavaScript's
 *    "var x = …;" statements too), and leaks the value it had;
 *  - escapes: it leaks a string whose \u escape is broken, and turns a lone UTF-16
 *    surrogate ("\ud800") into bytes that are not UTF-8.
 * A run file is one object, nested five deep at most, with numbers below 2^53 and plain strings.
 * (Each of the last three was found by fuzzing.) */
gboolean
gv_run_prescan (const char  *data,
                gsize        length,
                GError     **error)
{
  gboolean in_string = FALSE;
  gboolean started = FALSE;
  guint depth = 0;
  guint line = 1;
  gsize line_start = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        {
          line++;
          line_start = i + 1;
        }

      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\')
            {
              if (!scan_escape (data, length, &i, line, i - line_start + 1, error))
                return FALSE;
            }
          else if ((guchar) c < 0x20)
            {
              gv_json_fail (error, _("line %u, column %zu: a control character inside a "
                                     "string, where JSON needs an escape"),
                            line, i - line_start + 1);
              return FALSE;
            }
          continue;
        }

      if (depth == 0 && !is_json_space (c))
        {
          const char *what = c == '[' ? _("an array") : c == '"' ? _("a string")
                           : c == '-' || g_ascii_isdigit (c) ? _("a number")
                           : c == 't' || c == 'f' ? _("true or false")
                           : c == 'n' ? _("null") : NULL;

          if (started)
            {
              gv_json_fail (error, _("line %u, column %zu: more after the end of the "
                                     "run, which is one JSON object"),
                            line, i - line_start + 1);
              return FALSE;
            }
          if (c != '{')
            {
              if (what != NULL)
                gv_json_fail (error, _("not a Grapevine run file: it holds %s, not an object"),
                              what);
              else if (g_ascii_isprint (c))
                gv_json_fail (error, _("not valid JSON at line %u, column %zu"
                                       ": unexpected character ‘%c’"),
                              line, i - line_start + 1, c);
              else
                gv_json_fail (error, _("not valid JSON at line %u, column %zu"
                                       ": unexpected byte 0x%02x"),
                              line, i - line_start + 1, (guchar) c);
              return FALSE;
            }
          started = TRUE;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '[':
        case '{':
          if (++depth > MAX_DEPTH)
            {
              gv_json_fail (error, _("line %u: nested more than %d deep; a run file never is"),
                            line, MAX_DEPTH);
              return FALSE;
            }
          break;

        case ']':
        case '}':
          /* A closer too many is left to json-glib, which says where. */
          if (depth > 0)
            depth--;
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          {
            gsize start = i;
            guint digits = 0;
            gboolean integer = TRUE;

            for (; i < length && is_number_char (data[i]); i++)
              {
                if (g_ascii_isdigit (data[i]))
                  digits++;
                else if (data[i] != '-' || i != start)
                  integer = FALSE;
              }
            if (integer && digits > MAX_INTEGER_DIGITS)
              {
                gv_json_fail (error, _("line %u: the number %.*s is too large for a run file"),
                              line, (int) MIN (i - start, 40), data + start);
                return FALSE;
              }
            i--;
          }
          break;

        default:
          break;
        }
    }

  if (!started)
    {
      gv_json_fail (error, _("the file holds no JSON value"));
      return FALSE;
    }

  if (in_string)
    {
      gv_json_fail (error, _("line %u: the file ends inside a string; is it cut short?"), line);
      return FALSE;
    }

  return TRUE;
}

