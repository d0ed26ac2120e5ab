"use client";

// A kubeconfig, uploaded as a file or pasted. A loaded file's content is not put on screen (it holds a
// credential); the text lives only in the form's state and goes when the form does.
import { useTranslations } from "next-intl";
import { type ChangeEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input-class";

export function KubeconfigInput({
  onChange,
  invalid = false,
}: {
  onChange: (text: string) => void;
  invalid?: boolean;
}) {
  const t = useTranslations("adminClusters.kubeconfig");
  const hintId = useId();
  const [file, setFile] = useState<{ name: string; size: number } | null>(null);
  const [pasted, setPasted] = useState("");
  const [unreadable, setUnreadable] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setUnreadable(false);
    if (!chosen) return;
    try {
      const text = await chosen.text();
      setFile({ name: chosen.name, size: chosen.size });
      setPasted("");
      onChange(text);
    } catch {
      setFile(null);
      setUnreadable(true);
      onChange("");
    }
  };

  const clearFile = () => {
    setFile(null);
    setInputKey((k) => k + 1); // a fresh file input: the browser forgets the chosen file
    onChange(pasted);
  };

  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={hintId}>
      <legend className="mb-1 text-sm font-medium">{t("label")}</legend>
      <label className="flex flex-col gap-1 text-sm text-ink-muted">
        {t("file")}
        <input
          key={inputKey}
          type="file"
          accept=".yaml,.yml,.json,.conf,.config,.kubeconfig,text/plain,application/yaml,application/json"
          onChange={(e) => void onFile(e)}
          aria-invalid={invalid || undefined}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-line-strong file:bg-surface file:px-3 file:py-1 file:text-sm"
        />
      </label>
      {file ? (
        <p role="status" className="flex flex-wrap items-center gap-2 text-sm">
          {t("loaded", { file: file.name, size: file.size })}
          <Button
            onClick={clearFile}
            aria-label={t("removeFile", { file: file.name })}
            className="px-2 py-0.5 text-xs"
          >
            <span aria-hidden="true">✕</span>
          </Button>
        </p>
      ) : (
        <label className="flex flex-col gap-1 text-sm text-ink-muted">
          {t("paste")}
          <textarea
            value={pasted}
            onChange={(e) => {
              setPasted(e.target.value);
              onChange(e.target.value);
            }}
            rows={6}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={invalid || undefined}
            className={`${inputClass} font-mono text-xs`}
          />
        </label>
      )}
      {unreadable ? (
        <p role="alert" className="text-sm text-danger">
          {t("unreadable")}
        </p>
      ) : null}
      <p id={hintId} className="text-xs text-ink-muted">
        {t("hint")}
      </p>
    </fieldset>
  );
}
