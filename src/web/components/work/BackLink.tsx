import { Link } from 'react-router';
import { Anchor, Group, useDirection } from '@mantine/core';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';

/** "Back to the list" above a detail screen; the arrow points backwards in both reading directions. */
export function BackLink({ to, label }: { to: string; label: string }) {
  const { dir } = useDirection();
  const Arrow = dir === 'rtl' ? IconArrowRight : IconArrowLeft;
  return (
    <Anchor component={Link} to={to} size="sm" w="fit-content">
      <Group gap={4} wrap="nowrap" component="span">
        <Arrow size={16} aria-hidden />
        {label}
      </Group>
    </Anchor>
  );
}
