/* gv-round.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-round"

#include "config.h"

#include "gv-round.h"

G_DEFINE_BOXED_TYPE (GvRoundRecord, gv_round_record, gv_round_record_ref, gv_round_record_unref)

GvRoundRecord *
gv_round_record_new (void)
{
  GvRoundRecord *self = g_new0 (GvRoundRecord, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

GvRoundRecord *
gv_round_record_ref (GvRoundRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gv_round_record_unref (GvRoundRecord *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->messages);
      g_free (self->changes);
      g_free (self->crashed_nodes);
      g_free (self->recovered_nodes);
      g_free (self);
    }
}

JsonNode *
gv_summary_to_json (const GvSummary *summary,
                    guint64          seed)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (summary != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seed");
  if (seed <= (G_GUINT64_CONSTANT (1) << 53))
    json_builder_add_int_value (b, (gint64) seed);
  else
    {
      g_autofree char *s = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
      json_builder_add_string_value (b, s);
    }
  json_builder_set_member_name (b, "rounds");
  json_builder_add_int_value (b, summary->rounds);
  json_builder_set_member_name (b, "converged");
  json_builder_add_boolean_value (b, summary->converged);
  json_builder_set_member_name (b, "residue");
  json_builder_add_double_value (b, summary->residue);
  json_builder_set_member_name (b, "traffic");
  json_builder_add_double_value (b, summary->traffic);
  json_builder_set_member_name (b, "t_avg");
  json_builder_add_double_value (b, summary->t_avg);
  json_builder_set_member_name (b, "t_last");
  json_builder_add_double_value (b, summary->t_last);
  json_builder_set_member_name (b, "messages");
  json_builder_add_int_value (b, (gint64) summary->messages);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
