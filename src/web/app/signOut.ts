import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { callOp } from '../api/ops.ts';
import { signOut } from '../../common/contracts/identity.ts';
import { ME_KEY } from '../api/session.ts';
import { forgetSearchWords } from '../components/listState.ts';
import { notifyProblem } from '../components/problems.tsx';

/** Ends the session on the server, forgets every cached answer and search word, and returns to the sign-in page. */
export function useSignOut() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await callOp(signOut);
    } catch (err) {
      notifyProblem(err);
    }
    client.clear();
    forgetSearchWords();
    client.setQueryData(ME_KEY, null);
    await navigate('/sign-in', { replace: true });
  }, [client, navigate]);
}
