/* gv-run-loader.h: what the loader's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gv-run-json.h"
#include "gv-run-private.h"

G_BEGIN_DECLS

/* The members of a format-1 round, in that format's order. */
typedef enum
{
  V1_ROUND,
  V1_ALIVE,
  V1_INFORMED,
  V1_SPREADING,
  V1_NEWLY_INFORMED,
  V1_CRASHED,
  V1_RECOVERED,
  V1_SENT,
  V1_CARRYING,
  V1_LOST,
  V1_DEAD,
  V1_REDUNDANT,
  V1_N_METRICS
} V1Metric;

typedef struct
{
  guint             format;
  guint             recorded;        /* the format of its records (recorded_format) */
  GvParams         *params;
  const GvProtocol *protocol;
  GvClassTable      classes;
  guint32           n_nodes;
  char             *nodes_what;      /* "the run's %u nodes", for messages */
  guint32           last_round;
  gboolean          detail;
  GPtrArray        *records;
  GArray           *interventions;
  guint8           *alive_changed;   /* per round: a crash or revival was made after it */
  guint             n_per_item;      /* the protocol's per-item metrics */
  guint             n_views;
  /* format 1 */
  guint             v1_values[3];    /* where informed, spreading, newly_informed go */
  guint8            v1_classes[3];
  GArray           *v1_totals;       /* per round: carrying, lost, dead, redundant */
} GvRunLoader;

typedef struct
{
  guint64 carrying, lost, dead, redundant;
} V1Totals;

/* gv-run-loader-rounds.c: the rounds (their number first, then each record) and each
 * round's events, in both formats. */
gboolean  gv_run_load_rounds         (GvRunLoader  *L,
                                      JsonObject   *root,
                                      GError      **error);
gboolean  gv_run_load_round_records  (GvRunLoader  *L,
                                      JsonObject   *root,
                                      GError      **error);
gboolean  gv_run_load_events         (GvRunLoader  *L,
                                      JsonObject   *root,
                                      GError      **error);

G_END_DECLS
