/* gv-run-private.h: what the run object's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gv-run.h"

G_BEGIN_DECLS

/* 2^53: the doubles up to it hold every whole number exactly, and JSON readers read
 * integers up to it without loss. */
#define MAX_SAFE_INTEGER (G_GUINT64_CONSTANT (1) << 53)

struct _GvRun
{
  GObject       parent_instance;

  GvParams     *params;
  char         *engine_version;
  guint         format_version;
  /* The format whose records it holds: 1 for a run first read from a format-1 file,
   * whatever format it was saved in since.  Such records keep what format 1 did not
   * record unknown, and their class changes are format 1's states, so they are
   * verified as format 1 drew them. */
  guint         recorded_format;
  GPtrArray    *records;          /* GvRoundRecord, record i is round i */
  GvSummary     summary;
  gint32       *first_informed;   /* n_nodes */
  GArray       *interventions;    /* GvIntervention */
  GMutex        topology_lock;
  GvTopology   *topology;         /* made again from the parameters when first asked for */
  gboolean      topology_tried;
  gboolean      detail;
  GvClassTable  classes;
  guint         n_views;          /* views the records' changes cover */
};

/* @n_views: the views the records' changes cover, or 0 to count them. */
GvRun    *gv_run_new_take        (GvParams     *params,
                                  const char   *engine_version,
                                  guint         format_version,
                                  GPtrArray    *records,
                                  GvSummary    *summary,
                                  gint32       *first_informed,
                                  GArray       *interventions,
                                  guint         n_views);
/* Plays @params with @interventions up to @last_round (or to the end when negative). */
GvRun    *gv_run_replay          (const GvParams  *params,
                                  GArray          *interventions,
                                  gint64           last_round,
                                  guint            n_threads,
                                  guint           *n_injected,
                                  GCancellable    *cancellable,
                                  GError         **error);
/* What json-glib 1.6 gets wrong or does not check, checked before it sees the text. */
gboolean  gv_run_prescan         (const char   *data,
                                  gsize         length,
                                  GError      **error);
/* A record's value (not NaN) as CSV and messages write it: a whole number below 2^53 as
 * one, anything else in full (%.17g). */
const char *gv_run_format_value  (char         *buf,
                                  gsize         size,
                                  double        v);

G_END_DECLS
