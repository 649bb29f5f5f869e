{{/* Names, labels and the pieces every SatuPintu pod shares. */}}

{{- define "satupintu.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "satupintu.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "satupintu.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "satupintu.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "satupintu.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels of one component: `include "satupintu.selectorLabels" (list . "web")`. */}}
{{- define "satupintu.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "satupintu.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "satupintu.labels" -}}
{{- $root := index . 0 -}}
helm.sh/chart: {{ include "satupintu.chart" $root }}
{{ include "satupintu.selectorLabels" . }}
app.kubernetes.io/version: {{ $root.Values.image.tag | default $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
app.kubernetes.io/part-of: satupintu
{{- end }}

{{- define "satupintu.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}
{{- end }}

{{- define "satupintu.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "satupintu.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Environment of every container. Secrets come only from the existing Secret named by
`secret.name`: the four the application cannot start without by key (a missing key stops the pod
with an error naming it), everything else in it (SENTRY_DSN, EMAIL_*, MEDIA_S3_*, AWS_*) as is.
*/}}
{{- define "satupintu.env" -}}
- name: DJANGO_SETTINGS_MODULE
  value: satupintu.settings.production
- name: PLATFORM_BASE_DOMAIN
  value: {{ .Values.platform.baseDomain | quote }}
- name: CONN_MAX_AGE
  value: {{ .Values.database.connMaxAge | quote }}
- name: TRUSTED_PROXY_COUNT
  value: {{ .Values.platform.trustedProxyCount | quote }}
{{- range $key := list "SECRET_KEY" "DATABASE_URL" "REDIS_URL" "CELERY_BROKER_URL" }}
- name: {{ $key }}
  valueFrom:
    secretKeyRef:
      name: {{ $.Values.secret.name }}
      key: {{ $key }}
{{- end }}
{{- range $name, $value := .Values.platform.extraEnv }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end }}

{{- define "satupintu.envFrom" -}}
- secretRef:
    name: {{ .Values.secret.name }}
{{- end }}

{{- define "satupintu.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsUser }}
fsGroup: {{ .Values.securityContext.runAsUser }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "satupintu.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
{{- end }}

{{/* The root filesystem is read-only; /tmp is the only place a process writes. */}}
{{- define "satupintu.tmpVolume" -}}
- name: tmp
  emptyDir:
    medium: Memory
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end }}

{{- define "satupintu.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{/* Scheduling and pull settings shared by every pod. */}}
{{- define "satupintu.podCommon" -}}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- include "satupintu.podSecurityContext" . | nindent 2 }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Fail rendering when an autoscaler's bounds are crossed: `(list . "web")`. */}}
{{- define "satupintu.checkAutoscaling" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
{{- $autoscaling := (index $root.Values $component).autoscaling -}}
{{- if and $autoscaling.enabled (lt (int $autoscaling.maxReplicas) (int $autoscaling.minReplicas)) -}}
{{- fail (printf "%s.autoscaling.maxReplicas (%d) must be at least %s.autoscaling.minReplicas (%d)" $component (int $autoscaling.maxReplicas) $component (int $autoscaling.minReplicas)) -}}
{{- end -}}
{{- end }}
