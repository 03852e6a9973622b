/* gv-round.h: immutable records of finished rounds, and run summaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a node looks like to a viewer.  The second visual cue (outline, shape) is
 * chosen by the renderer from this, not from the colour. */
typedef enum
{
  GV_NODE_UNINFORMED,
  GV_NODE_SPREADING,     /* holds the newest data and still passes it on */
  GV_NODE_REMOVED,       /* holds the newest data, has lost interest */
  GV_NODE_CRASHED,
} GvNodeState;

typedef enum
{
  GV_MESSAGE_USEFUL,     /* brought the receiver something new */
  GV_MESSAGE_REDUNDANT,  /* the receiver already had everything it carried */
  GV_MESSAGE_LOST,       /* dropped by the network */
  GV_MESSAGE_DEAD,       /* sent to a crashed node */
  GV_MESSAGE_REQUEST,    /* a pull request that carried no data */
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
  guint8  state;         /* GvNodeState, after the round */
  guint8  reserved[3];
} GvStateEvent;

typedef struct _GvRoundRecord GvRoundRecord;

struct _GvRoundRecord
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  guint32 round;
  guint32 alive;
  guint32 informed;         /* alive nodes holding the newest data */
  guint32 spreading;        /* nodes that will spread in the next round */
  guint32 newly_informed;   /* nodes that became informed in this round */
  guint32 crashed;          /* nodes that crashed in this round */
  guint32 recovered;        /* nodes that recovered in this round */
  guint64 sent;             /* every message sent, requests included */
  guint64 carrying;         /* messages that carried rumours or entries */
  guint64 lost;             /* dropped by the network */
  guint64 dead;             /* sent to a crashed node */
  guint64 redundant;        /* delivered data that the receiver already had */

  /* Present when the network is at most the detail cap; NULL otherwise. */
  GvMessageEvent *messages;
  guint32         n_messages;
  GvStateEvent   *changes;
  guint32         n_changes;

  /* Always present, whatever the detail cap: the nodes that crashed (@crashed of them)
   * and recovered (@recovered of them) at the start of this round, in node order; NULL
   * when there are none.  Interventions between rounds are not listed here. */
  guint32        *crashed_nodes;
  guint32        *recovered_nodes;
};

#define GV_TYPE_ROUND_RECORD (gv_round_record_get_type ())

GType          gv_round_record_get_type (void) G_GNUC_CONST;
GvRoundRecord *gv_round_record_new      (void);
GvRoundRecord *gv_round_record_ref      (GvRoundRecord *self);
void           gv_round_record_unref    (GvRoundRecord *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvRoundRecord, gv_round_record_unref)

/* Something a person did to a run between rounds; a run is a pure function of its
 * parameters, its seed and these. */
typedef enum
{
  GV_INTERVENTION_FAULTS,   /* new loss, crash and recover probabilities */
  GV_INTERVENTION_CRASH,    /* @node was taken down */
  GV_INTERVENTION_REVIVE,   /* @node was brought back up */
  GV_INTERVENTION_INJECT,   /* a new rumour, or a new version of @key, at @node */
} GvInterventionKind;

typedef struct
{
  guint32            round;   /* made after this round's record, before round + 1 */
  GvInterventionKind kind;
  guint32            node;
  guint32            key;
  double             loss;
  double             crash;
  double             recover;
} GvIntervention;

typedef struct
{
  guint32  rounds;        /* the round at which the run ended */
  gboolean converged;     /* every alive node holds the newest data */
  gboolean finished;      /* the run has ended (converged, no spreader, or max rounds) */
  double   residue;       /* fraction of alive nodes never informed */
  double   traffic;       /* data-carrying messages per node (Demers' m) */
  double   t_avg;         /* mean delay, in rounds, from injection to first informed */
  double   t_last;        /* the largest such delay */
  guint64  messages;      /* every message sent */
} GvSummary;

JsonNode      *gv_summary_to_json       (const GvSummary *summary,
                                         guint64          seed);

G_END_DECLS
