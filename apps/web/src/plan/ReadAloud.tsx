/**
 * "Les opp": reads the part of the plan on screen aloud with the browser's speech synthesis, in a
 * voice of the app's language (a Norwegian voice for bokmål). Hidden when the device has no such
 * voice or no speech synthesis at all.
 */
import { Button } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { usePlanI18n } from './i18n';

const VOICE_LANGS = { nb: /^(nb|no|nn)\b/i, en: /^en\b/i } as const;

function findVoice(locale: 'nb' | 'en'): SpeechSynthesisVoice | null {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return null;
  return window.speechSynthesis.getVoices().find((v) => VOICE_LANGS[locale].test(v.lang)) ?? null;
}

export function ReadAloud({ targetId }: { targetId: string }) {
  const { p, locale } = usePlanI18n();
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(() => findVoice(locale));
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => {
    if (!('speechSynthesis' in window)) return;
    const update = () => setVoice(findVoice(locale));
    update();
    window.speechSynthesis.addEventListener('voiceschanged', update);
    return () => {
      window.speechSynthesis.removeEventListener('voiceschanged', update);
      window.speechSynthesis.cancel();
    };
  }, [locale]);
  if (!voice) return null;
  const toggle = () => {
    const synth = window.speechSynthesis;
    if (speaking) {
      synth.cancel();
      setSpeaking(false);
      return;
    }
    const text = document.getElementById(targetId)?.innerText ?? '';
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.95;
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    synth.cancel();
    synth.speak(utterance);
    setSpeaking(true);
  };
  return (
    <Button variant="tertiary" data-size="sm" onClick={toggle} aria-pressed={speaking} data-testid="read-aloud">
      {speaking ? p('readAloud.stop') : p('readAloud.start')}
    </Button>
  );
}
