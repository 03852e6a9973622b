/* gv-protocol.h: what a protocol declares, and the functions it gives the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A protocol is one folder under src/engine/protocols/ with one GvProtocol in it.  The
 * rest of the program knows it only through what this structure declares: its name and
 * description, its parameters, its per-round metrics, the classes its nodes can be in,
 * its summary figures, its interventions, its theory and its charts.  The CLI's
 * options, the run file's params and rounds, the CSV columns, the window's sidebar,
 * legend, inspector and charts all follow from these declarations.
 *
 * The functions in GvProtocolOps are the model.  They work on shards (gv-shard.h): the
 * engine's core owns time, threads, random streams, crashes, peer selection, the network
 * model (loss and dead receivers) and the delivery of messages, and calls the protocol
 * to act, to answer, to apply what was delivered and to count.
 *
 * Strings meant for people are marked with N_() and translated where they are shown.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GvEngine   GvEngine;
typedef struct _GvShard    GvShard;
typedef struct _GvParams   GvParams;
typedef struct _GvProtocol GvProtocol;
typedef struct _GvMsg      GvMsg;
typedef struct _GvTally    GvTally;
typedef struct _GvTopology GvTopology;

/* Limits on what a protocol may declare. */
#define GV_MAX_PROTOCOL_PARAMS   16
#define GV_MAX_PROTOCOL_METRICS  24
#define GV_MAX_FIGURES           12
#define GV_MAX_CLASSES           15   /* the core adds "crashed" as one more */
#define GV_MAX_ITEMS             64   /* rumours, keys: what per-item metrics count */
#define GV_MAX_CHOICE_ARGS       2
#define GV_TALLY_SUMS            96
#define GV_TALLY_MAXIMA          4

/* ------------------------------------------------------------------------------------ */
/* Parameters                                                                           */

typedef enum
{
  GV_PARAM_INT,       /* a whole number in [min, max] */
  GV_PARAM_DOUBLE,    /* a number in [dmin, dmax] */
  GV_PARAM_BOOL,
  GV_PARAM_CHOICE,    /* one of @choices, each with up to two numeric arguments: "ttl:3" */
} GvParamType;

typedef enum
{
  GV_PARAM_FLAG_NONE    = 0,
  GV_PARAM_FLAG_PERCENT = 1 << 0,  /* a probability, shown as a percentage in the window */
  GV_PARAM_FLAG_HIDDEN  = 1 << 2,  /* the CLI and files only: no row in the sidebar */
  GV_PARAM_FLAG_BARE    = 1 << 3,  /* its value says itself in a label: "push", not
                                    * "exchange push" */
} GvParamFlags;

typedef struct
{
  const char *name;        /* "K": how the CLI's help writes it, as in ttl:H */
  const char *label;       /* N_("Unnecessary contacts (K)"): the sidebar's row */
  const char *help;        /* one sentence, the row's tooltip */
  gboolean    is_double;   /* whole numbers unless set */
  double      min;
  double      max;
  double      def;
  double      step;        /* the sidebar's +/- step; 0 picks one */
} GvParamArg;

typedef struct
{
  const char *id;          /* "feedback-counter", as the CLI and files spell it */
  const char *label;       /* N_("Feedback counter") */
  const char *help;        /* one sentence */
  guint       n_args;
  GvParamArg  args[GV_MAX_CHOICE_ARGS];
} GvParamChoice;

typedef struct
{
  const char          *name;       /* "stop": --stop, its key in run files and settings */
  const char          *label;      /* N_("Stop rule") */
  const char          *help;       /* one sentence: the CLI's help and the row's tooltip */
  const char          *metavar;    /* "RULE", as the CLI's help shows the value */
  GvParamType          type;
  GvParamFlags         flags;
  /* INT */
  gint64               min;
  gint64               max;
  /* DOUBLE */
  double               dmin;
  double               dmax;
  guint                digits;     /* the sidebar's decimals */
  double               step;       /* the sidebar's +/- step; 0 picks one */
  /* CHOICE */
  const GvParamChoice *choices;
  guint                n_choices;
  /* the default: an INT or BOOL value, or the index of a CHOICE (with its args' defaults) */
  gint64               def;
  double               ddef;       /* DOUBLE */
} GvParamSpec;

typedef struct
{
  gint64 i;                          /* INT, BOOL, and the index of a CHOICE */
  double d;                          /* DOUBLE */
  double args[GV_MAX_CHOICE_ARGS];   /* a CHOICE's arguments */
} GvParamValue;

/* Where news starts: a rumour, an update.  The CLI's --rumor NODE@ROUND, a run file's
 * injections, and the window's New Rumour all make one. */
typedef struct
{
  const char *option;      /* "rumor": --rumor NODE@ROUND */
  const char *label;       /* N_("Rumour"): what one is called */
  const char *action;      /* N_("New Rumour"): the inspector's button */
  const char *help;        /* one sentence */
  const char *arg;         /* "KEY" for NODE@ROUND:KEY, or NULL */
  const char *arg_name;    /* "key": the member that holds it in a run file */
  const char *arg_label;   /* N_("Key") */
  const char *arg_bound;   /* the INT parameter the argument stays below: "keys" */
  guint       max;         /* how many a run may hold */
} GvInjectionSpec;

/* ------------------------------------------------------------------------------------ */
/* Per-round metrics                                                                    */

typedef enum
{
  GV_METRIC_COUNT,         /* a whole number: nodes, messages */
  GV_METRIC_FRACTION,      /* from 0 to 1 */
  GV_METRIC_TIME,          /* rounds */
} GvMetricKind;

typedef enum
{
  GV_AGGREGATE_SUM,        /* over rounds: a run's total is their sum (messages) */
  GV_AGGREGATE_LAST,       /* over rounds: the value at the end (nodes informed) */
  GV_AGGREGATE_MAX,
  GV_AGGREGATE_MEAN,       /* over runs: the mean, with percentiles where they are shown */
  GV_AGGREGATE_MEDIAN,
} GvAggregate;

typedef enum
{
  GV_METRIC_FLAG_NONE      = 0,
  GV_METRIC_FLAG_NODES     = 1 << 0,  /* a number of alive nodes: a chart may show it as a
                                       * percentage of the alive ones */
  GV_METRIC_FLAG_PER_ITEM  = 1 << 1,  /* one value for each rumour (or key) */
  GV_METRIC_FLAG_DERIVED   = 1 << 2,  /* computed from other metrics, never stored */
} GvMetricFlags;

typedef struct
{
  const char   *id;          /* "informed": the run file's key and the CSV column */
  const char   *label;       /* N_("Informed nodes") */
  const char   *unit;        /* N_("nodes") */
  const char   *help;        /* one sentence */
  GvMetricKind  kind;
  GvAggregate   over_rounds; /* how a run's total is made of its rounds */
  GvAggregate   over_runs;   /* how several runs' values at one round are combined */
  GvMetricFlags flags;
  const char   *item_label;  /* PER_ITEM: N_("Rumour %u"), numbered from 1 */
} GvMetricSpec;

/* ------------------------------------------------------------------------------------ */
/* Node classes                                                                         */

/* Colour slots of the palette: the renderer picks the colour, the protocol the meaning. */
typedef enum
{
  GV_SLOT_IDLE,       /* grey: has nothing yet */
  GV_SLOT_ACTIVE,     /* orange: busy, spreading */
  GV_SLOT_DONE,       /* blue: holds everything, at rest */
  GV_SLOT_DOWN,       /* dark: crashed */
  GV_SLOT_PARTIAL,    /* purple: holds part of it */
  GV_SLOT_ALERT,      /* vermillion: suspected, in trouble */
  GV_SLOT_GOOD,       /* green */
  GV_SLOT_FAINT,      /* sky blue */
  GV_N_SLOTS
} GvColorSlot;

/* The second cue, for readers who cannot tell the colours apart. */
typedef enum
{
  GV_CUE_HOLLOW,      /* an outline only */
  GV_CUE_RING,        /* a disc with a ring around it */
  GV_CUE_PLAIN,       /* a plain disc */
  GV_CUE_CROSS,       /* a crossed disc */
  GV_CUE_HALF,        /* the lower half filled */
  GV_CUE_QUARTER,     /* a quarter filled */
  GV_CUE_THREE_QUARTERS,
  GV_CUE_SQUARE,
  GV_CUE_DIAMOND,
  GV_N_CUES
} GvNodeCue;

typedef struct
{
  const char  *id;        /* "spreading" */
  const char  *label;     /* N_("Spreading") */
  const char  *help;      /* one sentence, for the legend's tooltip */
  GvColorSlot  slot;
  GvNodeCue    cue;
} GvNodeClass;

/* ------------------------------------------------------------------------------------ */
/* Summary figures, inspector rows, interventions, theory, charts                       */

typedef enum
{
  GV_FIGURE_COUNT,
  GV_FIGURE_FRACTION,     /* shown as a percentage */
  GV_FIGURE_ROUNDS,       /* a duration in rounds, with decimals */
  GV_FIGURE_RATIO,        /* a number with decimals */
} GvFigureKind;

typedef struct
{
  const char   *id;       /* "residue": the JSON key */
  const char   *label;    /* N_("Residue") */
  const char   *heading;  /* the CLI table's column: "residue" */
  const char   *help;     /* one sentence */
  GvFigureKind  kind;
} GvFigureSpec;

/* One row of the inspector: "Rumours known", "2 of 3". */
typedef struct
{
  char *label;
  char *value;
} GvNodeRow;

typedef enum
{
  GV_THEORY_CURVE,        /* a dashed curve over rounds */
  GV_THEORY_LEVEL,        /* a horizontal dashed line: a predicted final value */
} GvTheoryStyle;

typedef struct
{
  char          *label;   /* "Mean field" */
  char          *source;  /* one line: "Demers et al. 1987, mean field with loss" */
  const char    *chart;   /* the id of the chart it belongs on */
  GvTheoryStyle  style;
  double        *x;       /* rounds */
  double        *y;       /* in the chart's units: a fraction of the alive nodes for
                           * percentage charts, else the metric's own */
  guint          n;
} GvTheoryCurve;

typedef struct
{
  const char        *id;         /* "coverage" */
  const char        *title;      /* N_("Coverage") */
  const char        *y_label;    /* N_("Informed nodes") */
  gboolean           percent;    /* node counts shown as a percentage of the alive ones */
  const char *const *metrics;    /* ids, NULL-terminated; a PER_ITEM one gives a line an item
                                  * when the run has several items, else its first */
  const char        *fallback;   /* what to draw instead of the per-item lines when the run
                                  * did not record them (a format-1 file) */
} GvChartSpec;

/* ------------------------------------------------------------------------------------ */
/* The model                                                                            */

/* What a receiver's answer to a message says (GvProtocolOps.respond). */
typedef enum
{
  GV_RESPOND_NONE        = 0,
  /* The receiver already held everything the message carries: delivering it would
   * change nothing, so the core counts it redundant without queueing it.  A protocol
   * may say so only when its state never loses what it holds within a round. */
  GV_RESPOND_NOTHING_NEW = 1 << 0,
  /* The receiver answers with @reply. */
  GV_RESPOND_REPLY       = 1 << 1,
} GvRespondFlags;

typedef enum
{
  GV_OUTCOME_DELIVERED,
  GV_OUTCOME_LOST,        /* dropped by the network */
  GV_OUTCOME_DEAD,        /* the receiver had crashed */
} GvOutcome;

typedef struct
{
  /* Allocates the protocol's state for engine's nodes (gv_engine_set_protocol_data()). */
  void      (*setup)          (GvEngine       *engine);
  void      (*teardown)       (GvEngine       *engine);
  /* A recovering node that lost its state. */
  void      (*reset_node)     (GvEngine       *engine,
                               guint32         node);
  /* Optional: before the round's messages, after crashes and recoveries. */
  void      (*begin_round)    (GvShard        *shard);
  /* The shard's alive nodes act on their period: each sends with gv_shard_send(). */
  void      (*act)            (GvShard        *shard);
  /* Optional: the answer of @node (alive) to @msg, which was just delivered to it,
   * from its state as it was when the round began (the synchronous model: nothing
   * learnt in this round is passed on before the next).  Fills @reply when it answers
   * (reply->dst, src and flags are the core's), and *@feedback with what the sender
   * learns from the exchange (which of the rumours it carried the receiver knew, for
   * a stop rule).  A reply's longer payload goes into @reply_payload (room for the
   * engine's max_payload words) with reply->len set.  Reads only; changes nothing. */
  guint     (*respond)        (GvShard        *shard,
                               guint32         node,
                               const GvMsg    *msg,
                               const guint32  *payload,
                               GvMsg          *reply,
                               guint32        *reply_payload,
                               guint32        *feedback);
  /* Applies delivered data messages to their receivers (all in this shard), in the
   * order given; calls gv_shard_delivered() for each with whether it brought anything
   * new.  A message's longer payload is at @words + msg->b, msg->len words. */
  void      (*apply)          (GvShard        *shard,
                               const GvMsg    *msgs,
                               const guint32  *words,
                               gsize           n_msgs);
  /* Optional: the sender @node of @msg learns its fate (for stop rules); @feedback is
   * what respond() gave. */
  void      (*outcome)        (GvShard        *shard,
                               guint32         node,
                               const GvMsg    *msg,
                               GvOutcome       outcome,
                               guint32         feedback);
  /* Goes over the shard's nodes: at the end of a round applies what is due (stop
   * rules); always counts them into the shard's tally. */
  void      (*settle)         (GvShard        *shard,
                               gboolean        end_of_round);
  /* Optional: after a phase's shards have met, on the calling thread, to combine what
   * does not add up (whether all replicas agree). */
  void      (*merge)          (GvEngine       *engine,
                               GvTally        *merged);
  /* The protocol's metrics of the round, from the merged tally, into @values (in the
   * order of GvProtocol.metrics; a PER_ITEM metric's items go into @items). */
  void      (*record)         (GvEngine       *engine,
                               const GvTally  *merged,
                               double         *values,
                               double         *items,
                               guint          *n_items);
  /* Whether the run has ended (nothing is left to do), and whether it converged. */
  gboolean  (*finished)       (GvEngine       *engine,
                               const GvTally  *merged,
                               gboolean       *converged);
  /* The protocol's summary figures, in the order of GvProtocol.figures, from the last
   * round's tally and the sums of every round's (maxima: the largest). */
  void      (*summarise)      (GvEngine       *engine,
                               const GvTally  *last,
                               const GvTally  *totals,
                               double         *figures);
  /* The class of alive @node, seen through @view (0: everything; 1…: item view - 1). */
  guint     (*classify)       (GvEngine       *engine,
                               guint32         node,
                               guint           view);
  /* Optional: every node's class at once (alive or not: the core marks crashed ones). */
  void      (*classify_all)   (GvEngine       *engine,
                               guint           view,
                               guint8         *out);
  /* The inspector's rows for @node: gv_node_rows_add(). */
  void      (*describe)       (GvEngine       *engine,
                               guint32         node,
                               GArray         *rows);
  /* Optional: the round in which @node first held the newest news, or -1. */
  gint64    (*first_informed) (GvEngine       *engine,
                               guint32         node);
  /* New news at @node (alive) at the end of the current round: a rumour, an update
   * of key @arg.  Says why in @error when it cannot be done. */
  gboolean  (*inject)         (GvEngine       *engine,
                               guint32         node,
                               guint32         arg,
                               GError        **error);
  /* Optional: whether inject() would fail for @node now, and why, without doing it. */
  gboolean  (*can_inject)     (GvEngine       *engine,
                               guint32         node,
                               guint32         arg,
                               GError        **error);
  /* Optional: rumours (or keys) so far, for per-item metrics and views. */
  guint     (*n_items)        (GvEngine       *engine);
} GvProtocolOps;

struct _GvProtocol
{
  const char            *id;            /* "rumor" */
  const char            *name;          /* N_("Rumour mongering") */
  const char            *description;   /* N_(…) one paragraph */

  const GvParamSpec     *params;
  guint                  n_params;
  const GvInjectionSpec *injection;

  const GvMetricSpec    *metrics;
  guint                  n_metrics;
  const char            *primary;       /* the metric the status line and the alive chart
                                         * follow: "informed" */
  const GvChartSpec     *charts;        /* the protocol's own charts, before the core's */
  guint                  n_charts;

  const GvFigureSpec    *figures;
  guint                  n_figures;

  /* The node classes; may depend on the parameters (how many keys). */
  const GvNodeClass   *(*classes)       (const GvParams *params,
                                         guint          *n_classes);
  /* The classes a replay beyond the detail cap shows, rebuilt from the rounds in which
   * nodes were first informed: not yet informed, and informed. */
  void                 (*plain_classes) (const GvParams *params,
                                         guint          *uninformed,
                                         guint          *informed);
  const char            *view_label;    /* N_("Rumour %u"): the views by item, or NULL */
  /* The protocols that format 1 (0.1.0) saved: the classes of its node states
   * uninformed, spreading and removed (crashed is the core's).  NULL for the rest. */
  void                 (*format1_classes) (const GvParams *params,
                                         guint8          classes[3]);
  /* And back: what format 1 would have shown for a class (0, 1 or 2). */
  guint                (*format1_state) (const GvParams *params,
                                         guint           cls);
  /* The metrics that format 1's informed, spreading and newly_informed were (NULL for
   * one the protocol has not: the file's value is then not kept). */
  const char            *format1_metrics[3];

  /* How many of the tally's sums count nodes (the first ones): a pass over the nodes
   * recounts them, while the rest count what happened in the round. */
  guint                  node_sums;

  /* Only the complete graph (the baselines that assume anybody reaches anybody). */
  gboolean               complete_only;
  /* Whether the protocol chooses random peers with the core's fanout. */
  gboolean               uses_fanout;

  /* The rules that make a combination impossible, as a sentence. */
  gboolean             (*validate)      (const GvParams *params,
                                         GError        **error);
  /* Theory curves for these parameters (GvTheoryCurve, gv_theory_curve_free); or NULL
   * with *@why saying why no formula applies.  @topology is the run's network when the
   * caller has it (NULL otherwise); a formula that needs it says so. */
  GPtrArray           *(*theory)        (const GvParams        *params,
                                         const GvTopology      *topology,
                                         char                 **why);
  /* Optional: what theory says of the whole run, NaN where it says nothing: its rounds
   * and its messages, with a one-line source. */
  gboolean             (*predict)       (const GvParams        *params,
                                         const GvTopology      *topology,
                                         double                *rounds,
                                         double                *messages,
                                         const char           **source);
  /* Optional: one line describing the protocol's settings, for the CLI's header
   * ("push-pull, stop none"). */
  char                *(*describe)      (const GvParams *params);

  const GvProtocolOps   *ops;
};

/* The registry. */
guint              gv_protocol_get_n          (void);
const GvProtocol  *gv_protocol_get_nth        (guint              index);
const GvProtocol  *gv_protocol_find           (const char        *id);
const GvProtocol  *gv_protocol_get_default    (void);
/* Adds a protocol at run time (tests define one through this interface).  Its id must
 * be new.  Not thread-safe: call it before making engines. */
void               gv_protocol_register       (const GvProtocol  *protocol);

/* Declarations, looked up. */
const GvParamSpec  *gv_protocol_find_param    (const GvProtocol  *protocol,
                                               const char        *name,
                                               guint             *index);
const GvMetricSpec *gv_protocol_find_metric   (const GvProtocol  *protocol,
                                               const char        *id,
                                               guint             *index);
const GvChartSpec  *gv_protocol_find_chart    (const GvProtocol  *protocol,
                                               const char        *id);
guint               gv_protocol_find_figure   (const GvProtocol  *protocol,
                                               const char        *id);
/* A declared label with a number in it ("Rumour %u", its translation), made without
 * printf: the format comes from a declaration, and a wrong conversion in it must not
 * crash.  Without "%u" the number goes at the end. */
char               *gv_protocol_number_label  (const char        *format,
                                               guint              number);

/* Theory curves. */
GvTheoryCurve *gv_theory_curve_new            (const char        *label,
                                               const char        *source,
                                               const char        *chart,
                                               GvTheoryStyle      style,
                                               guint              n);
void           gv_theory_curve_free           (GvTheoryCurve     *curve);

/* Inspector rows. */
GArray        *gv_node_rows_new               (void);
void           gv_node_rows_add               (GArray            *rows,
                                               const char        *label,
                                               const char        *format,
                                               ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
