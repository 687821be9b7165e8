import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NotificationDelivery } from '#contracts';

/** How an account wants e-mail for one kind of notification; kind '*' is its default. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  delivery!: NotificationDelivery;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
