/* gv-round.h: immutable records of finished rounds, and run summaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "gv-protocol.h"

G_BEGIN_DECLS

/* The core's per-round metrics, first in every record; the protocol's follow them
 * (GV_N_CORE_METRICS + their index in GvProtocol.metrics).  Every message sent is
 * exactly one of useful, redundant, lost, dead and a delivered request:
 * sent = useful + redundant + lost + dead + requests. */
typedef enum
{
  GV_METRIC_ALIVE,
  GV_METRIC_CRASHED,        /* nodes that crashed in this round */
  GV_METRIC_RECOVERED,      /* nodes that recovered in this round */
  GV_METRIC_SENT_DATA,      /* messages that carried data (rumours, entries) */
  GV_METRIC_SENT_REQUESTS,  /* messages that carried none: pull requests */
  GV_METRIC_LOST_DATA,      /* dropped by the network */
  GV_METRIC_LOST_REQUESTS,
  GV_METRIC_DEAD_DATA,      /* sent to a crashed node */
  GV_METRIC_DEAD_REQUESTS,
  GV_METRIC_USEFUL,         /* delivered data that brought the receiver something new */
  GV_METRIC_REDUNDANT,      /* delivered data the receiver already had */
  /* derived from the above */
  GV_METRIC_SENT,
  GV_METRIC_LOST,
  GV_METRIC_DEAD,
  GV_METRIC_REQUESTS,       /* requests delivered */
  GV_N_CORE_METRICS
} GvCoreMetric;

#define GV_N_STORED_CORE_METRICS GV_METRIC_SENT

const GvMetricSpec *gv_core_metrics       (guint *n_metrics);

/* The core's node class, after the protocol's: a crashed node. */
extern const GvNodeClass gv_crashed_class;

/* A protocol's classes and the core's, for one run's parameters. */
typedef struct
{
  GvNodeClass classes[GV_MAX_CLASSES + 1];
  guint       n;
  guint       crashed;     /* the index of the core's "crashed" */
} GvClassTable;

void      gv_class_table_init            (GvClassTable      *table,
                                          const GvParams    *params);

typedef enum
{
  GV_MESSAGE_USEFUL,     /* brought the receiver something new */
  GV_MESSAGE_REDUNDANT,  /* the receiver already had everything it carried */
  GV_MESSAGE_LOST,       /* dropped by the network */
  GV_MESSAGE_DEAD,       /* sent to a crashed node */
  GV_MESSAGE_REQUEST,    /* a request that carried no data, delivered */
} GvMessageOutcome;

typedef struct
{
  guint32 src;
  guint32 dst;
  guint8  outcome;       /* GvMessageOutcome */
  guint8  carries_data;  /* the message carried rumours or entries */
  guint16 reserved;
} GvMessageEvent;

typedef struct
{
  guint32 node;
  guint8  cls;           /* the node's class after the round */
  guint8  view;          /* 0: the whole picture; i: item i - 1 (rumour i) */
  guint16 reserved;
} GvStateEvent;

typedef struct _GvRoundRecord GvRoundRecord;

struct _GvRoundRecord
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  guint32 round;
  /* GV_N_CORE_METRICS + the protocol's metrics.  NaN is a value a run file from an
   * older format did not record. */
  guint   n_values;
  double *values;
  /* The values of the protocol's PER_ITEM metrics, n_items each, in the order of
   * those metrics: items[k * n_items + i] is item i of the k-th PER_ITEM metric. */
  guint   n_items;
  double *items;

  /* Present when the network is at most the detail cap; NULL otherwise. */
  GvMessageEvent *messages;
  guint32         n_messages;
  /* By view, then node: the class changes of every view since the last record. */
  GvStateEvent   *changes;
  guint32         n_changes;

  /* Always present, whatever the detail cap: the nodes that crashed and recovered at
   * the start of this round, in node order; NULL when there are none.  Interventions
   * between rounds are not listed here. */
  guint32         n_crashed;
  guint32        *crashed_nodes;
  guint32         n_recovered;
  guint32        *recovered_nodes;
};

#define GV_TYPE_ROUND_RECORD (gv_round_record_get_type ())

GType          gv_round_record_get_type (void) G_GNUC_CONST;
GvRoundRecord *gv_round_record_new      (guint               n_values);
GvRoundRecord *gv_round_record_ref      (GvRoundRecord      *self);
void           gv_round_record_unref    (GvRoundRecord      *self);
/* Metric @index (a GvCoreMetric, or GV_N_CORE_METRICS + a protocol's metric). */
double         gv_round_record_get      (const GvRoundRecord *self,
                                         guint               index);
/* Item @item of the @k-th PER_ITEM metric, or NaN. */
double         gv_round_record_get_item (const GvRoundRecord *self,
                                         guint               k,
                                         guint               item);
/* Fills the core's derived metrics from the stored ones. */
void           gv_round_record_derive   (GvRoundRecord      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvRoundRecord, gv_round_record_unref)

/* Something a person did to a run between rounds; a run is a pure function of its
 * parameters, its seed and these. */
typedef enum
{
  GV_INTERVENTION_FAULTS,   /* new loss, crash and recover probabilities */
  GV_INTERVENTION_CRASH,    /* @node was taken down */
  GV_INTERVENTION_REVIVE,   /* @node was brought back up */
  GV_INTERVENTION_INJECT,   /* the protocol's news at @node: a rumour, an update of @arg */
} GvInterventionKind;

/* As run files and grapevine-cli's --event name them: "faults", "crash", "revive",
 * "inject". */
const char    *gv_intervention_kind_to_string   (GvInterventionKind  kind);
gboolean       gv_intervention_kind_from_string (const char         *text,
                                                 GvInterventionKind *kind);

typedef struct
{
  guint32            round;   /* made after this round's record, before round + 1 */
  GvInterventionKind kind;
  guint32            node;
  guint32            arg;
  double             loss;
  double             crash;
  double             recover;
} GvIntervention;

typedef struct
{
  guint32  rounds;        /* the round at which the run ended */
  gboolean converged;     /* the protocol's convergence test held at the end */
  gboolean finished;      /* the run has ended (nothing left to do, or max rounds) */
  guint64  messages;      /* every message sent */
  guint    n_figures;     /* the protocol's, in its order */
  double   figures[GV_MAX_FIGURES];
} GvSummary;

/* {"seed", "rounds", "converged", the protocol's figures by id, "messages"} */
JsonNode      *gv_summary_to_json       (const GvSummary   *summary,
                                         const GvProtocol  *protocol,
                                         guint64            seed);

/* Who first told each node: the sender of the first useful message that reached it, in
 * the order of the rounds added and of each round's messages.  Starts as
 * GV_ROUND_NO_TELLER everywhere (gv_round_tellers_reset); each record adds its round,
 * and a record without messages (beyond the detail cap) adds nothing.  The infection
 * tree of a rumour: every informed node but its origins has one teller. */
#define GV_ROUND_NO_TELLER G_MAXUINT32

void           gv_round_tellers_reset   (guint32             *tellers,
                                         guint32              n_nodes);
void           gv_round_tellers_add     (guint32             *tellers,
                                         guint32              n_nodes,
                                         const GvRoundRecord *record);

G_END_DECLS
