/* gv-run.h: finished (or paused) runs, as objects and as files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GvRun is immutable once made, so it may be read from any thread: the async
 * functions below do their work on a GTask thread.  data/run-file.schema.json and the
 * README's "Run files" section document the file format.
 */

#pragma once

#include <gio/gio.h>

#include "gv-engine.h"
#include "gv-simulator.h"

G_BEGIN_DECLS

#define GV_RUN_FORMAT         "grapevine-run"
/* Format 2 names the protocol and keeps its parameters and metrics by the ids it
 * declares; format 1 (0.1.0) was shaped around rumours.  Both are read. */
#define GV_RUN_FORMAT_VERSION 2

/* A message event is one integer in a file: ((src × nodes + dst) × 16) + outcome × 2 +
 * carries_data; a class change is node × 16 + class (format 1: node × 4 + state). */
#define GV_RUN_MESSAGE_CODES  16
#define GV_RUN_CLASS_CODES    16
#define GV_RUN_STATE_CODES_V1 4

/* Larger files are refused unread (GV_ERROR_TOO_LARGE): parsed, they take about ten
 * times their size. */
#define GV_RUN_MAX_FILE_SIZE  (G_GINT64_CONSTANT (1) << 30)

#define GV_TYPE_RUN (gv_run_get_type ())

G_DECLARE_FINAL_TYPE (GvRun, gv_run, GV, RUN, GObject)

/* The run the simulator holds now: its starting parameters, its records, the
 * interventions made since and each node's first-informed round.  Fails with
 * G_IO_ERROR_BUSY while a round runs. */
GvRun                *gv_run_new_from_simulator   (GvSimulator          *simulator,
                                                   GError              **error);
/* Runs @params to the end on an engine of its own (@n_threads 0: one a core). */
GvRun                *gv_run_simulate             (const GvParams       *params,
                                                   guint                 n_threads,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

const GvParams       *gv_run_get_params           (GvRun                *self);
/* The engine version whose runs it reproduces (GV_ENGINE_VERSION when it was made). */
const char           *gv_run_get_engine_version   (GvRun                *self);
/* The file format it was read from, or GV_RUN_FORMAT_VERSION when made here. */
guint                 gv_run_get_format_version   (GvRun                *self);
/* One record a round, round 0 first: record i is round i. */
guint                 gv_run_get_n_records        (GvRun                *self);
GvRoundRecord        *gv_run_get_record           (GvRun                *self,
                                                   guint                 round);
/* The last round recorded. */
guint32               gv_run_get_last_round       (GvRun                *self);
void                  gv_run_get_summary          (GvRun                *self,
                                                   GvSummary            *summary);
/* Whether the records carry every message and state change (the network was within
 * the detail cap). */
gboolean              gv_run_has_detail           (GvRun                *self);
/* Per node, the round it was first informed of the newest data, or -1. */
const gint32         *gv_run_get_first_informed   (GvRun                *self,
                                                   guint32              *n_nodes);
guint                 gv_run_get_n_interventions  (GvRun                *self);
const GvIntervention *gv_run_get_intervention     (GvRun                *self,
                                                   guint                 index);
/* Its network, made again from its parameters (a run is a pure function of them) the
 * first time it is asked for, for theory that needs it; NULL when the network is too big
 * to make on the spot (over GV_RUN_MAX_TOPOLOGY_EDGE_ENDS edge ends) or cannot be made. */
#define GV_RUN_MAX_TOPOLOGY_EDGE_ENDS 2000000
GvTopology           *gv_run_get_topology         (GvRun                *self);
/* The classes its nodes can be in, and how many views (by rumour) it recorded. */
const GvClassTable   *gv_run_get_classes          (GvRun                *self);
guint                 gv_run_get_n_views          (GvRun                *self);
/* Every node's class in @view (one byte a node) at the end of @round, for replay.  Exact
 * within the detail cap; beyond it, rebuilt from the first-informed rounds and the
 * crash and recover events, as the protocol's plain classes (informed or not). */
void                  gv_run_get_node_classes     (GvRun                *self,
                                                   guint32               round,
                                                   guint                 view,
                                                   guint8               *classes);
/* Same parameters, records, events, interventions and summary. */
gboolean              gv_run_equal                (GvRun                *a,
                                                   GvRun                *b);

/* Files.  Loading checks everything and either returns a whole run or fails with a
 * GV_ERROR that names what is wrong and where, e.g. "rounds[17].informed: 70 is more
 * than alive (64)". */
char                 *gv_run_to_data              (GvRun                *self,
                                                   gsize                *length);
GvRun                *gv_run_load_from_data       (const char           *data,
                                                   gsize                 length,
                                                   GError              **error);
/* Replaces @file atomically: a failed save leaves the old file as it was. */
gboolean              gv_run_save                 (GvRun                *self,
                                                   GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void                  gv_run_save_async           (GvRun                *self,
                                                   GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean              gv_run_save_finish          (GvRun                *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
GvRun                *gv_run_load                 (GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void                  gv_run_load_async           (GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GvRun                *gv_run_load_finish          (GAsyncResult         *result,
                                                   GError              **error);

/* Re-simulates the run from its parameters, seed and interventions, and compares
 * every round record, event, first-informed round and the summary.  A difference is a
 * GV_ERROR_MISMATCH naming the first one, e.g. "round 17: informed is 70 in the run
 * but 69 when re-simulated". */
gboolean              gv_run_verify               (GvRun                *self,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
/* The same, with a sentence in *@note when the run verifies only once a known change
 * between engine versions is allowed for (NULL when nothing needed saying). */
gboolean              gv_run_verify_full          (GvRun                *self,
                                                   char                **note,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void                  gv_run_verify_async         (GvRun                *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean              gv_run_verify_finish        (GvRun                *self,
                                                   GAsyncResult         *result,
                                                   char                **note,
                                                   GError              **error);

/* Per-round metrics as CSV, a header line first: round, the core's metrics, then the
 * protocol's (a per-item metric one column an item: informed_by_rumor_1, …). */
char                 *gv_run_to_csv               (GvRun                *self);

/* Labels for a comparison of @n_runs runs, each naming what differs in its parameters
 * ("fanout 2", "push, loss 10%"); "run 1", "run 2"… when nothing does.  A single run
 * is described in full. */
char                **gv_run_label_differences    (GvRun         *const *runs,
                                                   guint                 n_runs);

/* Writes @data to @file through a temporary file in the same folder, renamed over the
 * old one only once everything is written: a failure leaves the old file untouched.
 * For run files, exported charts and CSV alike. */
gboolean              gv_write_file_atomically    (GFile                *file,
                                                   const void           *data,
                                                   gsize                 length,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
/* JSON text for @node.  json-glib 1.6 writes doubles such as 1e+22 as "1e+22.0", which
 * no parser reads back; this writes the shortest form that reads back exactly. */
char                 *gv_json_to_string           (JsonNode             *node,
                                                   gboolean              pretty);

G_END_DECLS
