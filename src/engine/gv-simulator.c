/* gv-simulator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine belongs to one worker at a time.  Each round (and each intervention
 * between rounds) runs in a GTask thread; what comes back to the owner's main context is
 * immutable: the round record, a snapshot of node states and the summary.  The owner
 * never waits: requests made while a round runs are queued and applied before the next.
 */

#define G_LOG_DOMAIN "gv-simulator"

#include "config.h"

#include "gv-simulator.h"

/* An intervention, or a reset; iv.round is the engine's round when the worker made it. */
typedef struct
{
  gboolean       reset;
  GvIntervention iv;
} Op;

typedef struct
{
  guint64        generation;
  gboolean       run_round;
  gboolean       want_states;
  guint          view;         /* of the states */
  guint          n_views;
  GArray        *ops;
  GvRoundRecord *record;       /* the round's, or round 0's after a reset */
  GvRoundRecord *current;      /* the last record recounted after interventions, or NULL */
  GBytes        *states;
  GvSummary      summary;
  gboolean       finished;
  GPtrArray     *errors;       /* char *, from interventions that failed */
  GvParams      *start_params; /* the engine's, as a reset left it */
} Job;

struct _GvSimulator
{
  GObject        parent_instance;

  GvEngine      *engine;       /* the worker's while busy */
  GvParams      *params;       /* the owner's copy */
  GvParams      *start_params; /* what the current run started from, for run files */
  GArray        *interventions; /* GvIntervention, applied to the current run */
  GPtrArray     *records;
  GvRoundRecord *current;      /* see gv_simulator_get_current_record() */
  GBytes        *states;
  guint          view;         /* the states' view: 0, or one a rumour */
  guint          n_views;
  GvSummary      summary;
  GArray        *queued_ops;
  double         speed;
  guint          tick_id;
  guint64        generation;
  guint          playing : 1;
  guint          busy : 1;
  guint          finished : 1;
  guint          want_round : 1;
  guint          keep_states : 1;
};

G_DEFINE_FINAL_TYPE (GvSimulator, gv_simulator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAYING,
  PROP_BUSY,
  PROP_FINISHED,
  PROP_SPEED,
  PROP_ROUND,
  N_PROPS
};

enum {
  ROUND_FINISHED,
  RESET,
  UPDATED,
  INTERVENTION_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void kick (GvSimulator *self);

static void
job_free (Job *job)
{
  g_clear_pointer (&job->ops, g_array_unref);
  g_clear_pointer (&job->record, gv_round_record_unref);
  g_clear_pointer (&job->current, gv_round_record_unref);
  g_clear_pointer (&job->states, g_bytes_unref);
  g_clear_pointer (&job->errors, g_ptr_array_unref);
  g_clear_pointer (&job->start_params, gv_params_unref);
  g_free (job);
}

static GBytes *
snapshot_states (GvEngine *engine,
                 guint     view)
{
  guint32 n = gv_engine_get_params (engine)->n_nodes;
  guint8 *classes = g_malloc (n);

  gv_engine_classify_all (engine, view, classes);
  return g_bytes_new_take (classes, n);
}

static void
set_playing (GvSimulator *self,
             gboolean     playing)
{
  playing = !!playing;
  if (self->playing == playing)
    return;

  self->playing = playing;
  if (!playing)
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      self->want_round = FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static void
set_busy (GvSimulator *self,
          gboolean     busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_finished (GvSimulator *self,
              gboolean     finished)
{
  finished = !!finished;
  if (self->finished == finished)
    return;

  self->finished = finished;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
}

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  GvEngine *engine = source_object == NULL ? NULL : GV_SIMULATOR (source_object)->engine;
  Job *job = task_data;
  gboolean did_reset = FALSE;

  for (guint i = 0; i < job->ops->len; i++)
    {
      Op *op = &g_array_index (job->ops, Op, i);
      g_autoptr(GError) error = NULL;

      op->iv.round = gv_engine_get_round (engine);

      if (op->reset)
        {
          gv_engine_reset (engine);
          did_reset = TRUE;
          /* Round 0 is recorded before any later intervention, as for a new run, so
           * that a replay from the parameters meets the interventions in order. */
          g_clear_pointer (&job->record, gv_round_record_unref);
          job->record = gv_engine_initial_record (engine);
          g_clear_pointer (&job->start_params, gv_params_unref);
          job->start_params = gv_params_copy (gv_engine_get_params (engine));
        }
      else
        gv_engine_intervene (engine, &op->iv, &error);

      if (error != NULL)
        g_ptr_array_add (job->errors, g_strdup (error->message));
    }

  if (!did_reset && job->run_round)
    job->record = gv_engine_step (engine);
  job->current = gv_engine_current_record (engine);

  if (job->want_states)
    job->states = snapshot_states (engine, job->view);
  job->n_views = gv_engine_get_n_views (engine);
  gv_engine_get_summary (engine, &job->summary);
  job->finished = gv_engine_is_finished (engine);

  g_task_return_boolean (task, TRUE);
}

static gboolean
tick_cb (gpointer user_data)
{
  GvSimulator *self = user_data;

  self->want_round = TRUE;
  kick (self);

  return G_SOURCE_CONTINUE;
}

static void
schedule_ticks (GvSimulator *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (self->playing && self->speed > 0.0)
    {
      guint interval = (guint) CLAMP (1000.0 / self->speed, 1.0, 60000.0);

      self->tick_id = g_timeout_add (interval, tick_cb, self);
    }
}

static void
record_interventions (GvSimulator *self,
                      const Job   *job)
{
  for (guint i = 0; i < job->ops->len; i++)
    {
      const Op *op = &g_array_index (job->ops, Op, i);

      if (op->reset)
        {
          g_array_set_size (self->interventions, 0);
          continue;
        }

      /* Those that failed are kept too: a replay fails them the same way. */
      g_array_append_val (self->interventions, op->iv);
    }

  if (job->start_params != NULL)
    {
      g_clear_pointer (&self->start_params, gv_params_unref);
      self->start_params = gv_params_ref (job->start_params);
    }
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GvSimulator *self = GV_SIMULATOR (object);
  Job *job = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), NULL);
  set_busy (self, FALSE);

  if (job->generation == self->generation)
    {
      /* The owner says why an intervention could not be done, where a person sees it. */
      for (guint i = 0; i < job->errors->len; i++)
        g_signal_emit (self, signals[INTERVENTION_FAILED], 0,
                       (const char *) g_ptr_array_index (job->errors, i));

      gboolean was_reset = job->record != NULL && job->record->round == 0;

      record_interventions (self, job);

      g_clear_pointer (&self->states, g_bytes_unref);
      if (self->keep_states && job->states != NULL && job->view == self->view)
        self->states = g_bytes_ref (job->states);
      self->n_views = job->n_views;
      self->summary = job->summary;
      g_clear_pointer (&self->current, gv_round_record_unref);
      if (job->current != NULL)
        self->current = gv_round_record_ref (job->current);

      if (job->record != NULL)
        {
          if (was_reset)
            g_ptr_array_set_size (self->records, 0);
          g_ptr_array_add (self->records, gv_round_record_ref (job->record));
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
          if (was_reset)
            g_signal_emit (self, signals[RESET], 0);
          else
            g_signal_emit (self, signals[ROUND_FINISHED], 0, job->record);
        }

      set_finished (self, job->finished);
      if (job->finished)
        set_playing (self, FALSE);
      g_signal_emit (self, signals[UPDATED], 0);
    }

  /* Keep going: a max-speed run goes straight on, a paced one waits for its tick. */
  if (self->playing && self->speed <= 0.0)
    self->want_round = TRUE;

  kick (self);
}

static void
kick (GvSimulator *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->busy)
    return;

  if (self->finished)
    self->want_round = FALSE;

  if (!self->want_round && self->queued_ops->len == 0)
    return;

  job = g_new0 (Job, 1);
  job->generation = self->generation;
  job->run_round = self->want_round;
  job->want_states = self->keep_states;
  job->view = self->view;
  job->ops = g_steal_pointer (&self->queued_ops);
  job->errors = g_ptr_array_new_with_free_func (g_free);
  self->queued_ops = g_array_new (FALSE, FALSE, sizeof (Op));
  self->want_round = FALSE;

  set_busy (self, TRUE);

  task = g_task_new (self, NULL, job_done_cb, NULL);
  g_task_set_source_tag (task, kick);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_job);
}

static void
queue_op (GvSimulator *self,
          const Op    *op)
{
  g_array_append_vals (self->queued_ops, op, 1);
  kick (self);
}

static void
gv_simulator_dispose (GObject *object)
{
  GvSimulator *self = (GvSimulator *) object;

  g_clear_handle_id (&self->tick_id, g_source_remove);

  G_OBJECT_CLASS (gv_simulator_parent_class)->dispose (object);
}

static void
gv_simulator_finalize (GObject *object)
{
  GvSimulator *self = (GvSimulator *) object;

  g_clear_pointer (&self->engine, gv_engine_free);
  g_clear_pointer (&self->params, gv_params_unref);
  g_clear_pointer (&self->start_params, gv_params_unref);
  g_clear_pointer (&self->interventions, g_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->current, gv_round_record_unref);
  g_clear_pointer (&self->states, g_bytes_unref);
  g_clear_pointer (&self->queued_ops, g_array_unref);

  G_OBJECT_CLASS (gv_simulator_parent_class)->finalize (object);
}

static void
gv_simulator_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GvSimulator *self = GV_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_ROUND:
      g_value_set_uint (value, gv_simulator_get_round (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gv_simulator_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GvSimulator *self = GV_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      if (g_value_get_boolean (value))
        gv_simulator_play (self);
      else
        gv_simulator_pause (self);
      break;
    case PROP_SPEED:
      gv_simulator_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gv_simulator_class_init (GvSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gv_simulator_dispose;
  object_class->finalize = gv_simulator_finalize;
  object_class->get_property = gv_simulator_get_property;
  object_class->set_property = gv_simulator_set_property;

  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.0, 1000.0, 4.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_uint ("round", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GvSimulator::round-finished:
   * @record: the immutable record of the round
   *
   * Emitted in the owner's main context after each round.
   */
  signals[ROUND_FINISHED] =
    g_signal_new ("round-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  GV_TYPE_ROUND_RECORD | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * GvSimulator::reset:
   *
   * Emitted when the run has gone back to round 0 and its records were cleared.
   */
  signals[RESET] =
    g_signal_new ("reset",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * GvSimulator::updated:
   *
   * Emitted after anything changed the run: a round, a reset, or an intervention
   * (a crash, a revival, an injection) applied between rounds.
   */
  signals[UPDATED] =
    g_signal_new ("updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * GvSimulator::intervention-failed:
   * @message: a sentence saying why it could not be done
   *
   * Emitted when an intervention queued while a round ran turned out impossible (the
   * 31st rumour, news for a node that crashed meanwhile).  It stays recorded: a replay
   * fails it the same way.
   */
  signals[INTERVENTION_FAILED] =
    g_signal_new ("intervention-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gv_simulator_init (GvSimulator *self)
{
  self->speed = 4.0;
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) gv_round_record_unref);
  self->queued_ops = g_array_new (FALSE, FALSE, sizeof (Op));
  self->interventions = g_array_new (FALSE, FALSE, sizeof (GvIntervention));
}

static GvSimulator *
simulator_new_for_engine (GvEngine *engine)
{
  GvSimulator *self = g_object_new (GV_TYPE_SIMULATOR, NULL);

  self->engine = engine;
  self->params = gv_params_copy (gv_engine_get_params (engine));
  self->start_params = gv_params_copy (gv_engine_get_params (engine));
  g_ptr_array_add (self->records, gv_engine_initial_record (engine));
  gv_engine_get_summary (engine, &self->summary);
  self->n_views = gv_engine_get_n_views (engine);
  self->finished = gv_engine_is_finished (engine);

  return self;
}

GvSimulator *
gv_simulator_new (const GvParams  *params,
                  guint            n_threads,
                  GError         **error)
{
  GvEngine *engine;

  g_return_val_if_fail (params != NULL, NULL);

  engine = gv_engine_new (params, n_threads, NULL, error);
  if (engine == NULL)
    return NULL;

  return simulator_new_for_engine (engine);
}

typedef struct
{
  GvParams *params;
  guint     n_threads;
} NewData;

static void
new_data_free (NewData *data)
{
  g_clear_pointer (&data->params, gv_params_unref);
  g_free (data);
}

static void
new_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  NewData *data = task_data;
  GError *error = NULL;
  GvEngine *engine;

  engine = gv_engine_new (data->params, data->n_threads, cancellable, &error);
  if (engine == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, engine, (GDestroyNotify) gv_engine_free);
}

void
gv_simulator_new_async (const GvParams      *params,
                        guint                n_threads,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NewData *data;

  g_return_if_fail (params != NULL);

  data = g_new0 (NewData, 1);
  data->params = gv_params_copy (params);
  data->n_threads = n_threads;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gv_simulator_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify) new_data_free);
  g_task_run_in_thread (task, new_thread);
}

GvSimulator *
gv_simulator_new_finish (GAsyncResult  *result,
                         GError       **error)
{
  GvEngine *engine;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  engine = g_task_propagate_pointer (G_TASK (result), error);
  if (engine == NULL)
    return NULL;

  return simulator_new_for_engine (engine);
}

const GvParams *
gv_simulator_get_params (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), NULL);
  return self->params;
}

GvTopology *
gv_simulator_get_topology (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), NULL);
  return gv_engine_get_topology (self->engine);
}

void
gv_simulator_play (GvSimulator *self)
{
  g_return_if_fail (GV_IS_SIMULATOR (self));

  if (self->finished || self->playing)
    return;

  set_playing (self, TRUE);
  schedule_ticks (self);
  self->want_round = TRUE;
  kick (self);
}

void
gv_simulator_pause (GvSimulator *self)
{
  g_return_if_fail (GV_IS_SIMULATOR (self));

  set_playing (self, FALSE);
}

void
gv_simulator_step (GvSimulator *self)
{
  g_return_if_fail (GV_IS_SIMULATOR (self));

  if (self->finished)
    return;

  set_playing (self, FALSE);
  /* A step asked for while a round runs is the next round, not a lost click. */
  self->want_round = TRUE;
  kick (self);
}

void
gv_simulator_reset (GvSimulator *self)
{
  Op op = { .reset = TRUE };

  g_return_if_fail (GV_IS_SIMULATOR (self));

  set_playing (self, FALSE);
  /* Whatever is in flight belongs to the old run and will be dropped, but a change of
   * faults still stands: the owner's parameters already show it. */
  self->generation++;
  {
    g_autoptr(GArray) keep = g_steal_pointer (&self->queued_ops);

    self->queued_ops = g_array_new (FALSE, FALSE, sizeof (Op));
    g_array_append_vals (self->queued_ops, &op, 1);
    for (guint i = 0; i < keep->len; i++)
      if (!g_array_index (keep, Op, i).reset &&
          g_array_index (keep, Op, i).iv.kind == GV_INTERVENTION_FAULTS)
        g_array_append_vals (self->queued_ops, &g_array_index (keep, Op, i), 1);
  }
  set_finished (self, FALSE);
  kick (self);
}

gboolean
gv_simulator_get_playing (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), FALSE);
  return self->playing;
}

gboolean
gv_simulator_get_busy (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), FALSE);
  return self->busy;
}

gboolean
gv_simulator_get_finished (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), FALSE);
  return self->finished;
}

double
gv_simulator_get_speed (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), 0.0);
  return self->speed;
}

void
gv_simulator_set_speed (GvSimulator *self,
                        double       rounds_per_second)
{
  g_return_if_fail (GV_IS_SIMULATOR (self));

  rounds_per_second = CLAMP (rounds_per_second, 0.0, 1000.0);
  if (self->speed == rounds_per_second)
    return;

  self->speed = rounds_per_second;
  schedule_ticks (self);
  if (self->playing && self->speed <= 0.0)
    {
      self->want_round = TRUE;
      kick (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

guint
gv_simulator_get_round (GvSimulator *self)
{
  GvRoundRecord *last;

  g_return_val_if_fail (GV_IS_SIMULATOR (self), 0);

  if (self->records->len == 0)
    return 0;
  last = g_ptr_array_index (self->records, self->records->len - 1);
  return last->round;
}

guint
gv_simulator_get_n_records (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), 0);
  return self->records->len;
}

GvRoundRecord *
gv_simulator_get_record (GvSimulator *self,
                         guint        index)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), NULL);
  g_return_val_if_fail (index < self->records->len, NULL);

  return g_ptr_array_index (self->records, index);
}

GvRoundRecord *
gv_simulator_get_current_record (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), NULL);
  g_return_val_if_fail (self->records->len > 0, NULL);

  if (self->current != NULL)
    return self->current;
  return g_ptr_array_index (self->records, self->records->len - 1);
}

void
gv_simulator_get_summary (GvSimulator *self,
                          GvSummary   *summary)
{
  g_return_if_fail (GV_IS_SIMULATOR (self));
  g_return_if_fail (summary != NULL);

  *summary = self->summary;
}

GBytes *
gv_simulator_get_node_states (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), NULL);

  if (self->states == NULL && !self->busy && self->keep_states)
    self->states = snapshot_states (self->engine, self->view);

  return self->states != NULL ? g_bytes_ref (self->states) : NULL;
}

void
gv_simulator_set_keep_states (GvSimulator *self,
                              gboolean     keep_states)
{
  g_return_if_fail (GV_IS_SIMULATOR (self));

  self->keep_states = !!keep_states;
  if (!self->keep_states)
    g_clear_pointer (&self->states, g_bytes_unref);
}

void
gv_simulator_set_view (GvSimulator *self,
                       guint        view)
{
  g_return_if_fail (GV_IS_SIMULATOR (self));

  if (self->view == view)
    return;

  self->view = view;
  g_clear_pointer (&self->states, g_bytes_unref);
  if (!self->busy && self->keep_states)
    self->states = snapshot_states (self->engine, view);
  g_signal_emit (self, signals[UPDATED], 0);
}

guint
gv_simulator_get_view (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), 0);
  return self->view;
}

guint
gv_simulator_get_n_views (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), 1);
  return self->n_views;
}

const GvClassTable *
gv_simulator_get_classes (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), NULL);

  /* Fixed when the engine was made, so it may be read while a round runs. */
  return gv_engine_get_classes (self->engine);
}

gboolean
gv_simulator_describe_node (GvSimulator       *self,
                            guint32            node,
                            GvNodeDescription *description)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (description != NULL, FALSE);

  /* The engine is the worker's while a round runs. */
  if (self->busy || node >= self->params->n_nodes)
    return FALSE;

  gv_engine_describe_node (self->engine, node, description);
  return TRUE;
}

gint32 *
gv_simulator_get_first_informed (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), NULL);
  g_return_val_if_fail (!self->busy, NULL);

  return gv_engine_dup_first_informed (self->engine);
}

gboolean
gv_simulator_intervene (GvSimulator           *self,
                        const GvIntervention  *iv,
                        GError               **error)
{
  Op op = { .reset = FALSE };

  g_return_val_if_fail (GV_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (iv != NULL, FALSE);
  g_return_val_if_fail ((guint) iv->kind <= GV_INTERVENTION_INJECT, FALSE);

  op.iv.kind = iv->kind;
  if (iv->kind == GV_INTERVENTION_FAULTS)
    {
      op.iv.loss = self->params->loss = CLAMP (iv->loss, 0.0, 1.0);
      op.iv.crash = self->params->crash = CLAMP (iv->crash, 0.0, 1.0);
      op.iv.recover = self->params->recover = CLAMP (iv->recover, 0.0, 1.0);
      queue_op (self, &op);
      return TRUE;
    }

  /* gv_simulator_can_inject() checks the node first. */
  if (iv->kind == GV_INTERVENTION_INJECT ? !gv_simulator_can_inject (self, iv->node, iv->arg, error)
                                         : !gv_params_check_node (self->params, iv->node, error))
    return FALSE;

  op.iv.node = iv->node;
  op.iv.arg = iv->kind == GV_INTERVENTION_INJECT ? iv->arg : 0;
  /* A crash, a revival or news reopens a finished run. */
  set_finished (self, FALSE);
  queue_op (self, &op);
  return TRUE;
}

void
gv_simulator_set_faults (GvSimulator *self,
                         double       loss,
                         double       crash,
                         double       recover)
{
  GvIntervention iv = {
    .kind = GV_INTERVENTION_FAULTS, .loss = loss, .crash = crash, .recover = recover,
  };

  g_return_if_fail (GV_IS_SIMULATOR (self));

  gv_simulator_intervene (self, &iv, NULL);
}

gboolean
gv_simulator_set_node_alive (GvSimulator  *self,
                             guint32       node,
                             gboolean      alive,
                             GError      **error)
{
  GvIntervention iv = {
    .kind = alive ? GV_INTERVENTION_REVIVE : GV_INTERVENTION_CRASH, .node = node,
  };

  g_return_val_if_fail (GV_IS_SIMULATOR (self), FALSE);

  return gv_simulator_intervene (self, &iv, error);
}

gboolean
gv_simulator_can_inject (GvSimulator  *self,
                         guint32       node,
                         guint32       arg,
                         GError      **error)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), FALSE);

  if (!gv_params_check_node (self->params, node, error))
    return FALSE;

  /* While a round runs the engine cannot be asked; what fails then is told afterwards
   * (GvSimulator::intervention-failed). */
  if (self->busy || self->queued_ops->len > 0)
    return TRUE;

  return gv_engine_can_inject (self->engine, node, arg, error);
}

gboolean
gv_simulator_inject (GvSimulator  *self,
                     guint32       node,
                     guint32       arg,
                     GError      **error)
{
  GvIntervention iv = { .kind = GV_INTERVENTION_INJECT, .node = node, .arg = arg };

  g_return_val_if_fail (GV_IS_SIMULATOR (self), FALSE);

  return gv_simulator_intervene (self, &iv, error);
}

const GvParams *
gv_simulator_get_start_params (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), NULL);
  return self->start_params;
}

guint
gv_simulator_get_n_interventions (GvSimulator *self)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), 0);
  return self->interventions->len;
}

const GvIntervention *
gv_simulator_get_intervention (GvSimulator *self,
                               guint        index)
{
  g_return_val_if_fail (GV_IS_SIMULATOR (self), NULL);
  g_return_val_if_fail (index < self->interventions->len, NULL);

  return &g_array_index (self->interventions, GvIntervention, index);
}
