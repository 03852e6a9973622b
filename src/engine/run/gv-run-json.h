/* gv-run-json.h: reading the JSON of a run file, with errors that say where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to src/engine/run: the loader's accessors, each failing with a GV_ERROR_PARSE
 * that names the place ("rounds[17].informed: 70 is more than alive (64)").
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where a value sits, for messages: "rounds[17].informed", built only on error. */
typedef struct
{
  const char *section;   /* "rounds" */
  gint64      index;     /* 17, or -1 */
  const char *member;    /* "informed", or NULL */
  gint64      sub;       /* an index into member, or -1 */
} GvRunWhere;

#define GV_RUN_WHERE(section, index, member) ((GvRunWhere) { (section), (index), (member), -1 })

void        gv_json_fail               (GError           **error,
                                        const char        *format,
                                        ...) G_GNUC_PRINTF (2, 3);
void        gv_json_fail_at            (GError           **error,
                                        const GvRunWhere  *w,
                                        const char        *format,
                                        ...) G_GNUC_PRINTF (3, 4);
/* json-glib's "<data>:3:14: Parse error: …", as "line 3, column 14: …". */
void        gv_json_fail_json          (GError           **error,
                                        const char        *message);
/* "an object", "a whole number": what a value is, for "should be X, not <this>". */
const char *gv_json_describe_node_type (JsonNode          *node);
gboolean    gv_json_node_is_int        (JsonNode          *node);
/* A whole number or one with a fraction. */
gboolean    gv_json_node_is_number     (JsonNode          *node);
JsonNode   *gv_json_get_member         (JsonObject        *obj,
                                        const GvRunWhere  *w,
                                        GError           **error);
gboolean    gv_json_get_object         (JsonNode          *node,
                                        const GvRunWhere  *w,
                                        JsonObject       **out,
                                        GError           **error);
gboolean    gv_json_get_array          (JsonNode          *node,
                                        const GvRunWhere  *w,
                                        JsonArray        **out,
                                        GError           **error);
gboolean    gv_json_get_array_member   (JsonObject        *obj,
                                        const GvRunWhere  *w,
                                        JsonArray        **out,
                                        GError           **error);
/* A whole number from 0 to @max, where @what says what @max is (for the message). */
gboolean    gv_json_get_count_node     (JsonNode          *node,
                                        const GvRunWhere  *w,
                                        guint64            max,
                                        const char        *what,
                                        guint64           *out,
                                        GError           **error);
gboolean    gv_json_get_count          (JsonObject        *obj,
                                        const GvRunWhere  *w,
                                        guint64            max,
                                        const char        *what,
                                        guint64           *out,
                                        GError           **error);
gboolean    gv_json_get_number         (JsonObject        *obj,
                                        const GvRunWhere  *w,
                                        double             min,
                                        double             max,
                                        double            *out,
                                        GError           **error);
gboolean    gv_json_get_boolean        (JsonObject        *obj,
                                        const GvRunWhere  *w,
                                        gboolean          *out,
                                        GError           **error);
const char *gv_json_get_string         (JsonObject        *obj,
                                        const GvRunWhere  *w,
                                        GError           **error);

G_END_DECLS
