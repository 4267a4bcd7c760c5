import { useEffect, useState } from "react";
import { api } from "../api";
import type { AppInfo } from "../bindings/AppInfo";

/** Tells the organiser where their data lives: it never leaves this computer. */
export function AppFooter() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    api.appInfo().then(setInfo, () => setInfo(null));
  }, []);
  return (
    <footer className="binomes-footer fr-py-2w">
      <div className="fr-container">
        <p className="fr-text--sm fr-mb-0">
          Binômes {info ? `v${info.version}` : ""} — les données restent sur cet ordinateur
          {info ? (
            <>
              , dans <code id="data-dir">{info.dataDir}</code>
            </>
          ) : null}
          . Rien n'est envoyé sur Internet, sauf les messages que vous envoyez par votre serveur SMTP.
        </p>
        {info?.dataNotice ? (
          <p className="fr-text--sm fr-mb-0" role="status" id="data-notice">
            {info.dataNotice}
          </p>
        ) : null}
      </div>
    </footer>
  );
}
