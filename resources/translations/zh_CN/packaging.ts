<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>The main window was not shown.</source><translation>主窗口没有显示。</translation></message>
<message><source>The desk exited with code {code} after its window closed.</source><translation>窗口关闭后登记台以退出码 {code} 退出。</translation></message>
<message><source>frozen app</source><translation>打包程序</translation></message>
<message><source>from source</source><translation>源代码运行</translation></message>
<message><source>{passed} of {total} checks passed</source><translation>{total} 项检查中 {passed} 项通过</translation></message>
<message><source>{failed} of {total} checks FAILED</source><translation>{total} 项检查中 {failed} 项失败</translation></message>
<message><source>component not available: {error}</source><translation>组件不可用：{error}</translation></message>
<message><source>Checkpoint Desk {version} self-test: {how}, Python {python}, Qt {platform}</source><translation>卡点登记台 {version} 自检：{how}，Python {python}，Qt {platform}</translation></message>
<message><source>the zh_CN translation is empty</source><translation>zh_CN 翻译为空</translation></message>
<message><source>{root}: icons, demo data, {count} zh_CN strings</source><translation>{root}：图标、演示数据、{count} 条 zh_CN 翻译</translation></message>
<message><source>no decoder available</source><translation>没有可用的解码器</translation></message>
<message><source>{file} read by {backends}</source><translation>{file} 已由 {backends} 识别</translation></message>
<message><source>no demo code to verify (see the decode check)</source><translation>没有可核验的演示码（见 decode 检查）</translation></message>
<message><source>{scheme} from {issuer}: verified, {status}</source><translation>{scheme}，签发方 {issuer}：已核验，{status}</translation></message>
<message><source>no verified code to register (see the verify check)</source><translation>没有已核验的码可登记（见 verify 检查）</translation></message>
<message><source>visit {uuid}: {verdict}</source><translation>登记 {uuid}：{verdict}</translation></message>
<message><source>no registered visit to export (see the register check)</source><translation>没有已登记的记录可导出（见 register 检查）</translation></message>
<message><source>missing: {paths}</source><translation>缺少：{paths}</translation></message>
<message><source>decoders not available: {reasons}</source><translation>解码器不可用：{reasons}</translation></message>
<message><source>the demo code reads as {status} ({reasons})</source><translation>演示码识别结果为 {status}（{reasons}）</translation></message>
<message><source>{decoder} read {texts!r} instead of the demo code</source><translation>{decoder} 识别出 {texts!r}，而不是演示码</translation></message>
<message><source>the demo visit was stopped: {reasons}</source><translation>演示登记被拦截：{reasons}</translation></message>
<message><source>the {format} ledger has {rows} rows instead of 1</source><translation>{format} 台账有 {rows} 行，应为 1 行</translation></message>
<message><source>font {font}</source><translation>字体 {font}</translation></message>
<message><source>no decoder read {file}</source><translation>没有解码器识别出 {file}</translation></message>
<message><source>(not by {backends})</source><translation>（{backends} 未识别）</translation></message>
<message><source>manifests signed</source><translation>清单已签名</translation></message>
<message><source>(the demo issuer's text: the image was not decoded)</source><translation>（演示签发方的原文：图片未被识别）</translation></message>
<message><source>the cascade read {texts!r} instead of the demo code</source><translation>解码级联识别出 {texts!r}，而不是演示码</translation></message>
<message><source>{file} read by the cascade ({step}); alone by {decoders}</source><translation>{file} 已由解码级联识别（{step}）；单独识别：{decoders}</translation></message>
</context>
</TS>
