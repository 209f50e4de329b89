import { useDirection } from '@mantine/core';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';

/** An arrow that points the way reading goes: "next" points left in Arabic. */
export function DirArrow({ to, size = 16 }: { to: 'next' | 'back'; size?: number }) {
  const { dir } = useDirection();
  const forward = dir === 'rtl' ? IconArrowLeft : IconArrowRight;
  const backward = dir === 'rtl' ? IconArrowRight : IconArrowLeft;
  const Icon = to === 'next' ? forward : backward;
  return <Icon size={size} aria-hidden />;
}
